// biome-ignore-all lint/suspicious/noTemplateCurlyInString: policies and specs are written with ${…}
// Promotion of B2C custom policies: one spec folder exported from a B2C tenant, and a values file per
// environment that swaps one policy for the environment's own file, applied to two other B2C tenants
// (each with its own domain): the two tenants differ in that policy only, as the values say.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CiamClient } from "../src/client.ts";
import { applyPlan } from "../src/config/apply-plan.ts";
import { exportTenant } from "../src/config/export-tenant.ts";
import { loadSpecDir } from "../src/config/load-spec.ts";
import { planTenant } from "../src/config/plan-tenant.ts";
import { writeSpecFiles } from "../src/config/spec-files.ts";
import { putPolicy } from "../src/graph/trust-framework/trust-framework-client.ts";
import { b2cClient, emptyB2cTenant } from "./helpers/app-client.ts";
import { type CoreEmulator, startCoreEmulator } from "./helpers/emulator.ts";

const NS = "http://schemas.microsoft.com/online/cpim/schemas/2013/06";
const BASE = "B2C_1A_TrustFrameworkBase";
const EXT = "B2C_1A_TrustFrameworkExtensions";
const RP = "B2C_1A_signup_signin";

/** A policy of `tenant` (a domain, or `${tenant}` in a spec file), inheriting from `base`. */
const policy = (id: string, tenant: string, base?: string, body = "") =>
  `<TrustFrameworkPolicy xmlns="${NS}" PolicySchemaVersion="0.3.0.0" TenantId="${tenant}" PolicyId="${id}">
${base === undefined ? "" : `  <BasePolicy>\n    <TenantId>${tenant}</TenantId>\n    <PolicyId>${base}</PolicyId>\n  </BasePolicy>\n`}  <BuildingBlocks>${body}</BuildingBlocks>
</TrustFrameworkPolicy>
`;
/** The extensions policy of one environment: its own claim, as a per-environment file would hold. */
const extensions = (env: string) =>
  policy(EXT, "${tenant}", BASE, `<ClaimsSchema><ClaimType Id="${env}Only"/></ClaimsSchema>`);

let e: CoreEmulator;
let source: CiamClient;
let dev: CiamClient;
let prod: CiamClient;
let dir: string;

beforeAll(async () => {
  e = await startCoreEmulator();
  source = b2cClient(e);
  dev = emptyB2cTenant(e, "6c4d2e1f-8b5e-4d3c-af90-1b2c3d4e5f60", "contosodev");
  prod = emptyB2cTenant(e, "7d5e3f20-9c6f-4e4d-b0a1-2c3d4e5f6071", "contosoprod");
  const domain = "fabrikamb2c.onmicrosoft.com";
  await putPolicy(source.graphBeta, BASE, policy(BASE, domain), {});
  await putPolicy(source.graphBeta, EXT, policy(EXT, domain, BASE, "<ClaimsSchema/>"), {});
  await putPolicy(source.graphBeta, RP, policy(RP, domain, EXT), {});
  dir = mkdtempSync(join(tmpdir(), "ciam-config-tf-promotion-"));
  writeSpecFiles(dir, (await exportTenant(source, { kinds: ["trustFrameworkPolicies"] })).spec);
  for (const env of ["dev", "prod"]) {
    mkdirSync(join(dir, "policies", env));
    writeFileSync(join(dir, "policies", env, `${EXT}.xml`), extensions(env));
    writeFileSync(
      join(dir, `${env}.yaml`),
      `trustFrameworkPolicies:\n  ${EXT}:\n    xml: \${file:policies/${env}/${EXT}.xml}\n`,
    );
  }
});
afterAll(async () => {
  for (const c of [source, dev, prod]) c.close();
  await e.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("promotion of B2C custom policies", () => {
  it("one base folder and two values files give two tenants the expected difference and nothing else", async () => {
    for (const [client, env] of [
      [dev, "dev"],
      [prod, "prod"],
    ] as const) {
      const loaded = loadSpecDir(dir, { values: [join(dir, `${env}.yaml`)] });
      const plan = await planTenant(client, loaded.spec, { locate: loaded.locate, sources: loaded.sources });
      expect(plan.changes.map((c) => `${c.action} ${c.name}`)).toEqual([
        `create ${BASE}`,
        `create ${EXT}`,
        `create ${RP}`,
      ]);
      await applyPlan(client, plan);
      expect((await planTenant(client, loaded.spec)).changes).toEqual([]);
    }
    const [devFiles, prodFiles] = await Promise.all(
      [dev, prod].map(async (c) => (await exportTenant(c, { kinds: ["trustFrameworkPolicies"] })).files),
    );
    const differing = Object.keys({ ...devFiles, ...prodFiles }).filter(
      (name) => devFiles?.[name] !== prodFiles?.[name],
    );
    expect(differing).toEqual([`policies/${EXT}.xml`]);
    expect(String(devFiles?.[`policies/${EXT}.xml`])).toContain('<ClaimType Id="devOnly"');
    expect(String(prodFiles?.[`policies/${EXT}.xml`])).toContain('<ClaimType Id="prodOnly"');
    // The base and relying party are the source's, in each tenant's own domain.
    expect(String(devFiles?.[`policies/${RP}.xml`])).toBe(
      readFileSync(join(dir, "policies", `${RP}.xml`), "utf8"),
    );
    expect(e.emu.store.tenant(prod.tenantId)?.collection("trustFrameworkPolicies").get(RP)?.xml).toContain(
      'TenantId="contosoprod.onmicrosoft.com"',
    );
  });
});
