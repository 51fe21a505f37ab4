// biome-ignore-all lint/suspicious/noTemplateCurlyInString: policies are written with ${tenant}
// Tenant as code for Azure AD B2C custom policies: a base → extensions → relying party chain and its
// key sets exported from one B2C tenant, applied to another B2C tenant with another domain (the
// policies' ${tenant} resolved per tenant), uploaded base first, converged, and exported byte for byte;
// bad policies refused with the XML file and line before anything is written.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CiamClient } from "../src/client.ts";
import { applyPlan } from "../src/config/apply-plan.ts";
import { configPlanOperation } from "../src/config/config-plan-operation.ts";
import { exportTenant } from "../src/config/export-tenant.ts";
import { loadSpecDir } from "../src/config/load-spec.ts";
import { planTenant } from "../src/config/plan-tenant.ts";
import { SpecError } from "../src/config/spec-error.ts";
import { writeSpecFiles } from "../src/config/spec-files.ts";
import {
  createKeySet,
  keyAction,
  listPolicies,
  putPolicy,
} from "../src/graph/trust-framework/trust-framework-client.ts";
import { b2cClient, emptyB2cTenant } from "./helpers/app-client.ts";
import { type CoreEmulator, startCoreEmulator } from "./helpers/emulator.ts";

let e: CoreEmulator;
let a: CiamClient;
let b: CiamClient;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "ciam-config-tf-"));
  dirs.push(dir);
  return dir;
};
const NS = "http://schemas.microsoft.com/online/cpim/schemas/2013/06";
const A_DOMAIN = "fabrikamb2c.onmicrosoft.com";
const SECRET = "facebook-app-secret-3f9c1d";
const env = { CIAM_TRUST_FRAMEWORK_KEY_SETS_FACEBOOK_SECRET_SECRET: SECRET };

/** A policy of `domain`, inheriting from `base`, with a technical profile naming the domain. */
const policy = (id: string, domain: string, base?: string, body = "") =>
  `<?xml version="1.0" encoding="utf-8"?>
<TrustFrameworkPolicy xmlns="${NS}" PolicySchemaVersion="0.3.0.0" TenantId="${domain}" PolicyId="${id}">
${base === undefined ? "" : `  <BasePolicy>\n    <TenantId>${domain}</TenantId>\n    <PolicyId>${base}</PolicyId>\n  </BasePolicy>\n`}  <BuildingBlocks>${body}</BuildingBlocks>
</TrustFrameworkPolicy>`;

beforeAll(async () => {
  e = await startCoreEmulator();
  a = b2cClient(e);
  b = emptyB2cTenant(e, "5b3c1f0e-7a4d-4c2b-9e8f-0a1b2c3d4e5f", "contosob2c");
  const o = {};
  await putPolicy(a.graphBeta, "B2C_1A_TrustFrameworkBase", policy("B2C_1A_TrustFrameworkBase", A_DOMAIN), o);
  await putPolicy(
    a.graphBeta,
    "B2C_1A_TrustFrameworkExtensions",
    policy("B2C_1A_TrustFrameworkExtensions", A_DOMAIN, "B2C_1A_TrustFrameworkBase", "<ClaimsSchema/>"),
    o,
  );
  await putPolicy(
    a.graphBeta,
    "B2C_1A_signup_signin",
    policy("B2C_1A_signup_signin", A_DOMAIN, "B2C_1A_TrustFrameworkExtensions"),
    o,
  );
  await createKeySet(a.graphBeta, "TokenSigningKeyContainer");
  await keyAction(a.graphBeta, "B2C_1A_TokenSigningKeyContainer", "generateKey", { use: "sig", kty: "RSA" });
  await createKeySet(a.graphBeta, "FacebookSecret");
  await keyAction(a.graphBeta, "B2C_1A_FacebookSecret", "uploadSecret", { use: "sig", k: "a-secret-of-a" });
});
afterAll(async () => {
  a.close();
  b.close();
  await e.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("trust framework round trip: export a B2C tenant, apply to another, export again", () => {
  it("writes each policy as a file with ${tenant}, uploads base → extensions → relying party, converges, exports byte for byte", async () => {
    const exported = await exportTenant(a);
    const dir = tempDir();
    writeSpecFiles(dir, exported.spec);
    expect(readdirSync(dir).sort()).toEqual([
      "policies",
      "trust-framework-keysets.yaml",
      "trust-framework-policies.yaml",
    ]);
    expect(readFileSync(join(dir, "trust-framework-policies.yaml"), "utf8")).toContain(
      "B2C_1A_signup_signin:\n  xml: ${file:policies/B2C_1A_signup_signin.xml}\n",
    );
    const rp = readFileSync(join(dir, "policies", "B2C_1A_signup_signin.xml"), "utf8");
    expect(rp).toContain('TenantId="${tenant}"');
    expect(rp).not.toContain(A_DOMAIN);
    const keySets = readFileSync(join(dir, "trust-framework-keysets.yaml"), "utf8");
    expect(keySets).toContain("B2C_1A_TokenSigningKeyContainer:\n  kty: RSA\n  use: sig\n");
    expect(keySets).toContain("secret: ${env:CIAM_TRUST_FRAMEWORK_KEY_SETS_FACEBOOK_SECRET_SECRET}");
    expect(keySets).not.toContain("a-secret-of-a");

    const loaded = loadSpecDir(dir, { env });
    const plan = await planTenant(b, loaded.spec, { env, locate: loaded.locate, sources: loaded.sources });
    expect(plan.changes.map((c) => `${c.action} ${c.kind}/${c.name}`)).toEqual([
      "create trustFrameworkKeySets/B2C_1A_FacebookSecret",
      "create trustFrameworkKeySets/B2C_1A_TokenSigningKeyContainer",
      "create trustFrameworkPolicies/B2C_1A_TrustFrameworkBase",
      "create trustFrameworkPolicies/B2C_1A_TrustFrameworkExtensions",
      "create trustFrameworkPolicies/B2C_1A_signup_signin",
    ]);
    expect(JSON.stringify(plan.changes)).not.toContain(SECRET);
    await applyPlan(b, plan, { env });
    // B's policies name B's domain: the emulator, like B2C, refuses a policy of another tenant.
    expect(
      e.emu.store.tenant(b.tenantId)?.collection("trustFrameworkPolicies").get("B2C_1A_signup_signin")?.xml,
    ).toContain('TenantId="contosob2c.onmicrosoft.com"');
    expect((await planTenant(b, loaded.spec, { env })).changes).toEqual([]);
    const exportedB = await exportTenant(b);
    expect(exportedB.files).toEqual(exported.files);
  });

  it("compares policies in normal form: whitespace, comments, attribute order and PublicPolicyUri are no change; content is an update", async () => {
    const xml = `<TrustFrameworkPolicy PolicyId="B2C_1A_TrustFrameworkBase"   TenantId="\${tenant}" PolicySchemaVersion="0.3.0.0" xmlns="${NS}">
      <!-- a comment -->
      <BuildingBlocks>
      </BuildingBlocks>
    </TrustFrameworkPolicy>`;
    const same = await planTenant(a, { trustFrameworkPolicies: { B2C_1A_TrustFrameworkBase: { xml } } });
    expect(same.changes).toEqual([]);
    const changed = await planTenant(a, {
      trustFrameworkPolicies: {
        B2C_1A_TrustFrameworkBase: {
          xml: xml.replace("<BuildingBlocks>", "<BuildingBlocks><ClaimsSchema/>"),
        },
      },
    });
    expect(changed.changes).toMatchObject([
      { action: "update", kind: "trustFrameworkPolicies", name: "B2C_1A_TrustFrameworkBase" },
    ]);
  });

  it("prunes relying parties before the policies they inherit from, and key sets never", async () => {
    const plan = await planTenant(
      a,
      {
        trustFrameworkKeySets: {},
        trustFrameworkPolicies: {
          B2C_1A_TrustFrameworkBase: { xml: policy("B2C_1A_TrustFrameworkBase", "${tenant}") },
        },
      },
      { prune: true },
    );
    expect(plan.changes.map((c) => `${c.action} ${c.name}`)).toEqual([
      "delete B2C_1A_signup_signin",
      "delete B2C_1A_TrustFrameworkExtensions",
    ]);
  });
});

describe("bad policies are refused before anything is written, with the XML file and line", () => {
  const specDir = (policies: Record<string, string>) => {
    const dir = tempDir();
    writeSpecFiles(dir, {
      trustFrameworkPolicies: Object.fromEntries(Object.entries(policies).map(([id, xml]) => [id, { xml }])),
    });
    return dir;
  };
  const problems = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(SpecError);
      return (error as SpecError).problems;
    }
    throw new Error("not refused");
  };

  it("XML that is not well formed", () => {
    const dir = specDir({
      B2C_1A_broken: policy("B2C_1A_broken", "${tenant}").replace("</BuildingBlocks>", "</Building>"),
    });
    expect(problems(() => loadSpecDir(dir))).toEqual([
      expect.objectContaining({
        file: join(dir, "policies", "B2C_1A_broken.xml"),
        line: 3,
        message: expect.stringMatching(/^not well-formed XML: .*BuildingBlocks/),
      }),
    ]);
  });

  it("a PolicyId other than its key, and an inheritance cycle", () => {
    const dir = specDir({ B2C_1A_one: policy("B2C_1A_other", "${tenant}") });
    expect(problems(() => loadSpecDir(dir))[0]?.message).toContain(
      "its PolicyId is 'B2C_1A_other', not 'B2C_1A_one'",
    );
    const cycle = specDir({
      B2C_1A_a: policy("B2C_1A_a", "${tenant}", "B2C_1A_b"),
      B2C_1A_b: policy("B2C_1A_b", "${tenant}", "B2C_1A_a"),
    });
    expect(problems(() => loadSpecDir(cycle))).toEqual([
      expect.objectContaining({
        file: join(cycle, "policies", "B2C_1A_a.xml"),
        line: 3,
        message: expect.stringContaining("cycle (B2C_1A_a → B2C_1A_b → B2C_1A_a)"),
      }),
    ]);
  });

  it("a base policy neither in the spec nor in the tenant: refused after the read, nothing uploaded", async () => {
    const dir = specDir({ B2C_1A_rp: policy("B2C_1A_rp", "${tenant}", "B2C_1A_missing") });
    const loaded = loadSpecDir(dir);
    const error = await planTenant(a, loaded.spec, { locate: loaded.locate, sources: loaded.sources }).catch(
      (x: unknown) => x,
    );
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).problems).toEqual([
      expect.objectContaining({
        file: join(dir, "policies", "B2C_1A_rp.xml"),
        line: 3,
        message: expect.stringContaining(
          "its base policy B2C_1A_missing is neither in the spec nor in the tenant",
        ),
      }),
    ]);
    expect(await listPolicies(a.graphBeta)).not.toContain("B2C_1A_rp");
  });

  it("policies planned against an External ID tenant: a clear refusal; its export has no trust framework files", async () => {
    const external = e.client();
    const error = await external
      .run(configPlanOperation, {
        spec: { trustFrameworkPolicies: { B2C_1A_x: { xml: policy("B2C_1A_x", "${tenant}") } } },
      })
      .catch((x: unknown) => x);
    expect(String(error)).toContain("trustFrameworkPolicies: this tenant is not an Azure AD B2C tenant");
    const exported = await exportTenant(external);
    expect(
      Object.keys(exported.files).some((f) => f.startsWith("trust-framework") || f.startsWith("policies/")),
    ).toBe(false);
    expect(Object.keys(exported.files)).toContain("user-flows.yaml");
    external.close();
  });
});
