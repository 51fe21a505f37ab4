// biome-ignore-all lint/suspicious/noTemplateCurlyInString: policies are written with ${tenant}
// Property, for an Azure AD B2C tenant's trust framework (the kinds config-property.test.ts cannot
// generate in an External ID tenant): any valid set of custom policies (a base → extensions → relying
// party chain, each with some content) and policy key sets, applied, leaves an empty plan; and any
// second one applied over it with prune (uploads, deletes in inheritance order, key sets kept) too.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyPlan } from "../src/config/apply-plan.ts";
import { planTenant } from "../src/config/plan-tenant.ts";
import type { TenantSpecInput } from "../src/config/spec-schema.ts";
import { b2cClient } from "./helpers/app-client.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";

const NS = "http://schemas.microsoft.com/online/cpim/schemas/2013/06";
const CHAIN = ["B2C_1A_TrustFrameworkBase", "B2C_1A_TrustFrameworkExtensions", "B2C_1A_signup_signin"];
const BODIES = ["", "<ClaimsSchema/>", '<ClaimsSchema><ClaimType Id="tier"/></ClaimsSchema>'];
const env = { FACEBOOK_SECRET: "facebook-app-secret" };

/** A policy of the tenant applied to (`${tenant}`), inheriting from `base`. */
const policy = (id: string, base: string | undefined, body: string) =>
  `<TrustFrameworkPolicy xmlns="${NS}" PolicySchemaVersion="0.3.0.0" TenantId="\${tenant}" PolicyId="${id}">
${base === undefined ? "" : `  <BasePolicy><TenantId>\${tenant}</TenantId><PolicyId>${base}</PolicyId></BasePolicy>\n`}  <BuildingBlocks>${body}</BuildingBlocks>
</TrustFrameworkPolicy>`;

const specArbitrary: fc.Arbitrary<TenantSpecInput> = fc
  .record({
    // A prefix of the chain: a policy is only there with the one it inherits from.
    depth: fc.nat(CHAIN.length),
    bodies: fc.array(fc.constantFrom(...BODIES), { minLength: CHAIN.length, maxLength: CHAIN.length }),
    signing: fc.boolean(),
    facebook: fc.boolean(),
  })
  .map(({ depth, bodies, signing, facebook }) => ({
    trustFrameworkPolicies: Object.fromEntries(
      CHAIN.slice(0, depth).map((id, i) => [id, { xml: policy(id, CHAIN[i - 1], bodies[i] ?? "") }]),
    ),
    trustFrameworkKeySets: {
      ...(signing ? { B2C_1A_TokenSigningKeyContainer: { use: "sig" as const, kty: "RSA" as const } } : {}),
      ...(facebook
        ? {
            B2C_1A_FacebookSecret: {
              use: "sig" as const,
              kty: "OCT" as const,
              secret: "${env:FACEBOOK_SECRET}",
            },
          }
        : {}),
    },
  }));

const { t } = useCoreEmulator();

describe("any valid trust framework spec", () => {
  it("applied, leaves an empty plan; a second one applied over it with prune, too", {
    timeout: 120_000,
  }, async () => {
    const client = b2cClient(t);
    try {
      await fc.assert(
        fc.asyncProperty(specArbitrary, specArbitrary, async (first, second) => {
          await t.emu.control.reset();
          await applyPlan(client, await planTenant(client, first, { env }), { env });
          expect((await planTenant(client, first, { env })).changes).toEqual([]);
          const pruned = { env, prune: true };
          await applyPlan(client, await planTenant(client, second, pruned), { env });
          expect((await planTenant(client, second, pruned)).changes).toEqual([]);
        }),
        { numRuns: 15, seed: 13 },
      );
    } finally {
      client.close();
    }
  });
});
