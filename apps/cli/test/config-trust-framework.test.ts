// biome-ignore-all lint/suspicious/noTemplateCurlyInString: specs write ${file:…} and ${tenant}
// `ciam config` with Azure AD B2C custom policies: tenant A's base → extensions → relying party chain
// and key set exported, applied to tenant B (base first), converged, and exported byte for byte; a
// policy that inherits in a cycle refused with the XML file and line, nothing sent.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { b2cDemoConnection } from "@ciamkit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ciam, cmd, json, type Run, requireBuilt, startTenant, type TestTenant } from "./harness.ts";

let a: TestTenant;
let b: TestTenant;
let envA: Record<string, string>;
let envB: Record<string, string>;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "ciam-config-tf-cli-"));
  dirs.push(dir);
  return dir;
};
const ok = (run: Run) => {
  expect(run.status, run.stderr).toBe(0);
  return run;
};
/** Every file under `dir`, by path relative to it. */
const files = (dir: string, prefix = ""): Record<string, string> =>
  Object.fromEntries(
    readdirSync(join(dir, prefix), { withFileTypes: true })
      .sort((x, y) => (x.name < y.name ? -1 : 1))
      .flatMap((d) =>
        d.isDirectory()
          ? Object.entries(files(dir, join(prefix, d.name)))
          : [[join(prefix, d.name), readFileSync(join(dir, prefix, d.name), "utf8")]],
      ),
  );
const b2cEnv = (t: TestTenant) => {
  const conn = b2cDemoConnection(t.emulator.store, t.emulator.loginUrl);
  if (conn === undefined) throw new Error("the demo seed has no B2C tenant");
  return {
    ...t.env,
    AZURE_TENANT_ID: conn.tenantId,
    AZURE_CLIENT_ID: conn.clientId,
    AZURE_CLIENT_SECRET: conn.clientSecret,
  };
};
const policy = (id: string, domain: string, base?: string) =>
  `<TrustFrameworkPolicy xmlns="http://schemas.microsoft.com/online/cpim/schemas/2013/06" PolicySchemaVersion="0.3.0.0" TenantId="${domain}" PolicyId="${id}">
${base === undefined ? "" : `  <BasePolicy>\n    <TenantId>${domain}</TenantId>\n    <PolicyId>${base}</PolicyId>\n  </BasePolicy>\n`}</TrustFrameworkPolicy>`;

beforeAll(async () => {
  requireBuilt();
  [a, b] = await Promise.all([startTenant(), startTenant()]);
  envA = b2cEnv(a);
  envB = b2cEnv(b);
  const dir = tempDir();
  for (const [id, base] of [
    ["B2C_1A_TrustFrameworkBase", undefined],
    ["B2C_1A_TrustFrameworkExtensions", "B2C_1A_TrustFrameworkBase"],
    ["B2C_1A_signup_signin", "B2C_1A_TrustFrameworkExtensions"],
  ] as const) {
    writeFileSync(join(dir, `${id}.xml`), policy(id, "fabrikamb2c.onmicrosoft.com", base));
    ok(await ciam(["trust-framework", "policy-upload", "--file", join(dir, `${id}.xml`)], envA));
  }
  ok(await ciam(["trust-framework", "keyset-create", "--id", "TokenSigningKeyContainer"], envA));
  ok(
    await ciam(
      cmd`trust-framework keyset-generate-key --id TokenSigningKeyContainer --use sig --kty RSA`,
      envA,
    ),
  );
}, 120_000);
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("ciam config with B2C custom policies", () => {
  it("export A, plan B (exit 2, base first), apply --yes, plan B (exit 0), export B is A's byte for byte", async () => {
    const dirA = tempDir();
    ok(await ciam(["config", "export", dirA], envA));
    expect(Object.keys(files(dirA))).toEqual([
      join("policies", "B2C_1A_TrustFrameworkBase.xml"),
      join("policies", "B2C_1A_TrustFrameworkExtensions.xml"),
      join("policies", "B2C_1A_signup_signin.xml"),
      "trust-framework-keysets.yaml",
      "trust-framework-policies.yaml",
    ]);
    const plan = await ciam(["config", "plan", dirA, "--detailed-exitcode", "-o", "json"], envB);
    expect(plan.status, plan.stderr).toBe(2);
    expect(json<{ changes: { action: string; name: string }[] }>(plan).changes.map((c) => c.name)).toEqual([
      "B2C_1A_TokenSigningKeyContainer",
      "B2C_1A_TrustFrameworkBase",
      "B2C_1A_TrustFrameworkExtensions",
      "B2C_1A_signup_signin",
    ]);
    ok(await ciam(["config", "apply", dirA, "--yes"], envB));
    ok(await ciam(["config", "plan", dirA, "--detailed-exitcode"], envB));
    const dirB = tempDir();
    ok(await ciam(["config", "export", dirB], envB));
    expect(files(dirB)).toEqual(files(dirA));
  });

  it("refuses policies that inherit in a cycle with the XML file and line; nothing is sent", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "policies"));
    writeFileSync(
      join(dir, "trust-framework-policies.yaml"),
      "B2C_1A_a:\n  xml: ${file:policies/a.xml}\nB2C_1A_b:\n  xml: ${file:policies/b.xml}\n",
    );
    writeFileSync(join(dir, "policies", "a.xml"), policy("B2C_1A_a", "${tenant}", "B2C_1A_b"));
    writeFileSync(join(dir, "policies", "b.xml"), policy("B2C_1A_b", "${tenant}", "B2C_1A_a"));
    const before = b.requests();
    const run = await ciam(["config", "apply", dir, "--yes"], envB);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `${join(dir, "policies", "a.xml")}:2:1: trustFrameworkPolicies.B2C_1A_a.xml:`,
    );
    expect(run.stderr).toContain("cycle (B2C_1A_a → B2C_1A_b → B2C_1A_a)");
    expect(b.requests()).toBe(before);
  });
});
