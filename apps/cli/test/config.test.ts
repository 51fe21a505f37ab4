// `ciam config export|plan|apply` as a subprocess: tenant A configured with ciam's own commands,
// exported, planned and applied to tenant B, which then exports byte for byte as A; one spec with two
// values files promoted to two tenants; `--detailed-exitcode` for CI.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ciam, json, png, type Run, requireBuilt, startTenant, type TestTenant } from "./harness.ts";

let a: TestTenant;
let b: TestTenant;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "ciam-config-cli-"));
  dirs.push(dir);
  return dir;
};
const GOOGLE_SECRET_VAR = "CIAM_IDENTITY_PROVIDERS_GOOGLE_OAUTH_CLIENT_SECRET";
const ok = (run: Run) => {
  expect(run.status, run.stderr).toBe(0);
  return run;
};
const files = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), "utf8")]),
  );

beforeAll(async () => {
  requireBuilt();
  [a, b] = await Promise.all([startTenant(), startTenant()]);
  const app = json<{ appId: string }>(
    ok(
      await ciam(
        [
          "app",
          "create",
          "--display-name",
          "Shop",
          "--web-redirect-uris",
          "https://shop.example/signin",
          "-o",
          "json",
        ],
        a.env,
      ),
    ),
  );
  ok(
    await ciam(
      ["user-flow-attribute", "create", "--display-name", "LoyaltyTier", "--data-type", "string"],
      a.env,
    ),
  );
  ok(await ciam(["group", "create", "--display-name", "VIP customers", "--description", "Gold tier"], a.env));
  ok(
    await ciam(
      [
        "identity-provider",
        "create",
        "--kind",
        "social",
        "--identity-provider-type",
        "Google",
        "--client-id",
        "g-client",
        "--client-secret-stdin",
      ],
      a.env,
      "google-secret-of-a",
    ),
  );
  const setup = join(tempDir(), "flow.json");
  writeFileSync(
    setup,
    JSON.stringify({
      displayName: "Shop sign-up",
      identityProviders: ["EmailPassword-OAUTH", "Google-OAUTH"],
      page: {
        views: [
          {
            title: "You",
            inputs: [
              { attribute: "email", label: "Email" },
              { attribute: "LoyaltyTier", label: "Tier" },
            ],
          },
        ],
      },
      applications: [app.appId],
    }),
  );
  ok(await ciam(["user-flow", "setup", "--input", setup], a.env));
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("ciam config", () => {
  it("round trip: export A, plan B (exit 2), apply --yes, plan B (exit 0), export B is A's export byte for byte", async () => {
    const dirA = tempDir();
    ok(await ciam(["config", "export", dirA], a.env));
    expect(readFileSync(join(dirA, "identity-providers.yaml"), "utf8")).not.toContain("google-secret-of-a");
    const envB = { ...b.env, [GOOGLE_SECRET_VAR]: "google-secret-of-b" };
    const plan = await ciam(["config", "plan", dirA, "--detailed-exitcode", "-o", "json"], envB);
    expect(plan.status, plan.stderr).toBe(2);
    const changes = json<{ changes: { action: string; kind: string; name: string; fields: unknown[] }[] }>(
      plan,
    ).changes;
    expect(changes.map((c) => `${c.action} ${c.kind} ${c.name}`)).toEqual([
      "create userFlowAttributes LoyaltyTier",
      "create identityProviders Google-OAUTH",
      "create applications Shop",
      "create groups VIP customers",
      "create userFlows Shop sign-up",
    ]);
    expect(plan.stdout).not.toContain("google-secret-of-b");
    ok(await ciam(["config", "apply", dirA, "--yes", "-o", "json"], envB));
    ok(await ciam(["config", "plan", dirA, "--detailed-exitcode"], envB));
    const dirB = tempDir();
    ok(await ciam(["config", "export", dirB], b.env));
    expect(files(dirB)).toEqual(files(dirA));
  });

  it("--detailed-exitcode keeps 2 for changes: a bad spec exits 1, naming file and line", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "groups.yaml"), "VIP customers:\n  descriptoin: typo\n");
    const run = await ciam(["config", "plan", dir, "--detailed-exitcode"], b.env);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`${join(dir, "groups.yaml")}:2:3: groups.VIP customers.descriptoin`);
    // Without the flag, bad input is exit 2 as everywhere else.
    expect((await ciam(["config", "plan", dir], b.env)).status).toBe(2);
  });

  it("shows the plan to a person as lines of changes with before → after (-o table)", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "groups.yaml"), "VIP customers:\n  description: Platinum tier\nNewcomers: {}\n");
    const run = ok(await ciam(["config", "plan", dir, "-o", "table"], b.env));
    expect(run.stdout).toMatch(/^Plan: 1 to create, 1 to update, 0 to replace, 0 to delete\.\n/);
    expect(run.stdout).toContain("  + groups 'Newcomers'\n");
    expect(run.stdout).toMatch(
      / {2}~ groups 'VIP customers' \([0-9a-f-]{36}\)\n {6}description: "Gold tier" → "Platinum tier"\n/,
    );
  });

  it("apply without --yes and without a terminal changes nothing", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "groups.yaml"), "Never made: {}\n");
    const before = b.requests();
    const run = await ciam(["config", "apply", dir], b.env);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("--yes");
    expect(b.requests()).toBe(before);
  });

  it("promotion: one base and two values files give two tenants the expected differences and nothing else", async () => {
    const [dev, prod] = await Promise.all([startTenant(), startTenant()]);
    try {
      const dir = tempDir();
      // Applications (one exposing a scope and a role), a group, a migration flag, a JIT password
      // extension and its listener, and a branding with a logo beside the spec.
      writeFileSync(
        join(dir, "applications.yaml"),
        [
          "Portal:\n  signInAudience: AzureADMyOrg\n  web:\n    redirectUris: [https://portal.example/signin]",
          "Portal API:\n  identifierUris: ['api://{appId}']",
          "  scopes: [{ value: Portal.Read, displayName: Read the portal, description: Reads it }]",
          "  appRoles: [{ value: Portal.Admin, displayName: Admin, description: Runs it, members: [User] }]\n",
        ].join("\n"),
      );
      writeFileSync(join(dir, "groups.yaml"), "Support:\n  description: Support staff\n");
      writeFileSync(join(dir, "user-flow-attributes.yaml"), "RequiresMigration:\n  dataType: boolean\n");
      writeFileSync(
        join(dir, "custom-extensions.yaml"),
        "Password migration:\n  event: onPasswordSubmit\n  targetUrl: https://jit.example/password\n  app: Portal API\n",
      );
      writeFileSync(
        join(dir, "event-listeners.yaml"),
        "Password migration:\n  applications: [Portal]\n  migrationAttribute: RequiresMigration\n",
      );
      writeFileSync(
        join(dir, "branding.yaml"),
        "default:\n  backgroundColor: '#0A2540'\n  files:\n    bannerLogo: logos/logo.png\n",
      );
      mkdirSync(join(dir, "logos"));
      writeFileSync(join(dir, "logos", "logo.png"), png(245, 36));
      writeFileSync(join(dir, "logos", "logo-prod.png"), png(240, 30));
      writeFileSync(
        join(dir, "dev.yaml"),
        [
          "applications:\n  Portal:\n    web:\n      redirectUris: [https://dev.portal.example/signin, http://localhost:3000/signin]",
          "customExtensions:\n  Password migration:\n    targetUrl: https://dev-jit.example/password\n",
        ].join("\n"),
      );
      writeFileSync(
        join(dir, "prod.yaml"),
        "groups:\n  Support:\n    description: Support staff (production)\nbranding:\n  default:\n    files:\n      bannerLogo: logos/logo-prod.png\n",
      );
      ok(await ciam(["config", "apply", dir, "--values", join(dir, "dev.yaml"), "--yes"], dev.env));
      ok(await ciam(["config", "apply", dir, "--values", join(dir, "prod.yaml"), "--yes"], prod.env));
      const exportOf = async (t: TestTenant) => {
        const out = tempDir();
        ok(await ciam(["config", "export", out], t.env));
        // Every file, the branding's images beside the YAML too (as latin1: byte for byte).
        return Object.fromEntries(
          readdirSync(out, { recursive: true, withFileTypes: true })
            .filter((d) => d.isFile())
            .map((d) => join(d.parentPath, d.name).slice(out.length + 1))
            .sort()
            .map((f) => [f, readFileSync(join(out, f), f.endsWith(".yaml") ? "utf8" : "latin1")]),
        );
      };
      const [devFiles, prodFiles] = await Promise.all([exportOf(dev), exportOf(prod)]);
      // Each tenant's own values: the extension's endpoint, the logo's bytes.
      expect(devFiles["custom-extensions.yaml"]).toContain("targetUrl: https://dev-jit.example/password\n");
      expect(prodFiles["custom-extensions.yaml"]).toContain("targetUrl: https://jit.example/password\n");
      expect(devFiles["branding/default/bannerLogo.png"]).toBe(
        readFileSync(join(dir, "logos", "logo.png"), "latin1"),
      );
      expect(prodFiles["branding/default/bannerLogo.png"]).toBe(
        readFileSync(join(dir, "logos", "logo-prod.png"), "latin1"),
      );
      expect(devFiles["event-listeners.yaml"]).toContain("migrationAttribute: RequiresMigration\n");
      expect(devFiles["applications.yaml"]).toContain(
        "- http://localhost:3000/signin\n      - https://dev.portal.example/signin\n",
      );
      expect(prodFiles["applications.yaml"]).toContain("- https://portal.example/signin\n");
      expect(devFiles["groups.yaml"]).toContain("description: Support staff\n");
      expect(prodFiles["groups.yaml"]).toContain("description: Support staff (production)\n");
      // Everything else is the same in both tenants.
      const strip = (text: string | undefined) =>
        (text ?? "")
          .replace(/Portal:[\s\S]*?(?=\n\S|$)/, "Portal")
          .replace(/Support:\n {2}description: .*\n/, "");
      expect(strip(devFiles["applications.yaml"])).toBe(strip(prodFiles["applications.yaml"]));
      expect(strip(devFiles["groups.yaml"])).toBe(strip(prodFiles["groups.yaml"]));
      expect(strip(devFiles["custom-extensions.yaml"]).replace("dev-jit", "jit")).toBe(
        strip(prodFiles["custom-extensions.yaml"]),
      );
      expect(Object.keys(devFiles)).toEqual(Object.keys(prodFiles));
      // The listener names the flag by name in both, though each tenant's attribute id differs.
      for (const file of [
        "user-flows.yaml",
        "identity-providers.yaml",
        "user-flow-attributes.yaml",
        "event-listeners.yaml",
        "branding.yaml",
      ])
        expect(devFiles[file], file).toBe(prodFiles[file]);
    } finally {
      await Promise.all([dev.close(), prod.close()]);
    }
  });
});
