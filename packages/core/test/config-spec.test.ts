// biome-ignore-all lint/suspicious/noTemplateCurlyInString: specs write ${env:…} placeholders
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSpec } from "../src/config/check-spec.ts";
import { specJsonSchemas } from "../src/config/json-schemas.ts";
import { loadSpecDir } from "../src/config/load-spec.ts";
import { planTenant } from "../src/config/plan-tenant.ts";
import { secretResolver } from "../src/config/secrets.ts";
import { SpecError } from "../src/config/spec-error.ts";
import { type CoreEmulator, startCoreEmulator } from "./helpers/emulator.ts";

const dirs: string[] = [];
function specDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "ciam-spec-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The one problem a load throws, as text. */
function problemOf(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return (error as SpecError).message;
  }
  throw new Error("the spec was accepted");
}

const APPS = `# yaml-language-server: $schema=x
Shop:
  signInAudience: AzureADMyOrg
  web:
    redirectUris:
      - https://\${env:SHOP_HOST}/signin
`;

describe("loading a spec folder", () => {
  it("names the file, line and path of a field the schema does not know", () => {
    const dir = specDir({
      "user-flows.yaml": "Shop sign-up:\n  description: Shop\n  signupAllowed: false\n",
    });
    const message = problemOf(() => loadSpecDir(dir));
    expect(message).toContain(`${join(dir, "user-flows.yaml")}:3:3: userFlows.Shop sign-up.signupAllowed:`);
    expect(message).toMatch(/nothing was changed/);
  });

  it("names the line of a YAML syntax error", () => {
    const dir = specDir({ "groups.yaml": "VIP:\n  description: [unclosed\n" });
    expect(problemOf(() => loadSpecDir(dir))).toContain(`${join(dir, "groups.yaml")}:`);
  });

  it("refuses a secret in clear text, with its line, without repeating it", () => {
    const dir = specDir({
      "identity-providers.yaml":
        "Google-OAUTH:\n  kind: social\n  identityProviderType: Google\n  clientId: abc\n  clientSecret: hunter2-very-secret\n",
    });
    const message = problemOf(() => loadSpecDir(dir));
    expect(message).toContain("identity-providers.yaml:5:17: identityProviders.Google-OAUTH.clientSecret:");
    expect(message).toContain("never in clear text");
    expect(message).not.toContain("hunter2");
  });

  it("resolves ${env:…} in plain fields, and says which variable is missing where", () => {
    const dir = specDir({ "applications.yaml": APPS });
    expect(loadSpecDir(dir, { env: { SHOP_HOST: "dev.shop.example" } }).spec.applications?.Shop?.web).toEqual(
      {
        redirectUris: ["https://dev.shop.example/signin"],
      },
    );
    expect(problemOf(() => loadSpecDir(dir, { env: {} }))).toContain(
      "applications.yaml:6:9: applications.Shop.web.redirectUris.0: ${env:SHOP_HOST}: the environment variable SHOP_HOST is not set",
    );
  });

  it("keeps a secret's placeholder until it is sent, and reads ${file:…} beside the spec (CLI only)", () => {
    const dir = specDir({
      "identity-providers.yaml":
        "Google-OAUTH:\n  kind: social\n  identityProviderType: Google\n  clientId: abc\n  clientSecret: ${file:secrets/google.txt}\n",
      "secrets/google.txt": "from-a-file\n",
    });
    const loaded = loadSpecDir(dir);
    const google = loaded.spec.identityProviders?.["Google-OAUTH"];
    expect(google).toMatchObject({ clientSecret: "${file:secrets/google.txt}" });
    expect(secretResolver({ baseDir: loaded.baseDir })("${file:secrets/google.txt}")).toBe("from-a-file");
    // Inline specs (MCP) have no folder: a file placeholder is refused, before any request.
    expect(() => checkSpec(loaded.spec, {})).toThrow(/\$\{file:…\} is read by the CLI only/);
  });

  it("overlays --values files in order and places an overlay's problem in the overlay", () => {
    const dir = specDir({
      "applications.yaml": APPS.replace("${env:SHOP_HOST}", "shop.example"),
      "groups.yaml": "VIP:\n  description: base\n",
      "dev.yaml": "applications:\n  Shop:\n    web:\n      redirectUris: [https://dev.shop.example/signin]\n",
      "late.yaml": "groups:\n  VIP:\n    description: 42\n",
    });
    const loaded = loadSpecDir(dir, { values: [join(dir, "dev.yaml")] });
    expect(loaded.spec.applications?.Shop).toEqual({
      signInAudience: "AzureADMyOrg",
      web: { redirectUris: ["https://dev.shop.example/signin"] },
    });
    expect(loaded.spec.groups).toEqual({ VIP: { description: "base" } });
    const message = problemOf(() =>
      loadSpecDir(dir, { values: [join(dir, "dev.yaml"), join(dir, "late.yaml")] }),
    );
    expect(message).toContain(`${join(dir, "late.yaml")}:3:18: groups.VIP.description:`);
  });

  it("refuses a values file that names no kind of the spec", () => {
    const dir = specDir({ "groups.yaml": "VIP: {}\n", "v.yaml": "userflows:\n  X: {}\n" });
    expect(problemOf(() => loadSpecDir(dir, { values: [join(dir, "v.yaml")] }))).toContain(
      "v.yaml:1:1: userflows: not a kind",
    );
  });

  it("refuses a kind's file under another name, which would otherwise be left out silently", () => {
    const dir = specDir({
      "groups.yaml": "VIP: {}\n",
      "userFlowAttributes.yaml": "LoyaltyNumber:\n  dataType: string\n",
      "application.yml": "Shop: {}\n",
      "dev.yaml": "groups:\n  VIP:\n    description: dev\n",
    });
    const message = problemOf(() => loadSpecDir(dir));
    expect(message).toContain(
      `${join(dir, "userFlowAttributes.yaml")}: userFlowAttributes: this file is not read: the userFlowAttributes file is named user-flow-attributes.yaml`,
    );
    expect(message).toContain(`${join(dir, "application.yml")}: applications:`);
    // A values overlay beside the kinds is not a kind's file, named or not.
    expect(message).not.toContain("dev.yaml");
    // Renamed, both are read.
    const fixed = specDir({
      "groups.yaml": "VIP: {}\n",
      "user-flow-attributes.yaml": "LoyaltyNumber:\n  dataType: string\n",
      "dev.yaml": "groups:\n  VIP:\n    description: dev\n",
    });
    const loaded = loadSpecDir(fixed, { values: [join(fixed, "dev.yaml")] });
    expect(Object.keys(loaded.spec.userFlowAttributes ?? {})).toEqual(["LoyaltyNumber"]);
    expect(loaded.spec.groups).toEqual({ VIP: { description: "dev" } });
  });

  it("refuses two names that differ only in casing, and a social provider under another key", () => {
    expect(() => checkSpec({ groups: { VIP: {}, vip: {} } })).toThrow(/groups\.vip: the same name as 'VIP'/);
    expect(() =>
      checkSpec(
        {
          identityProviders: {
            Google: {
              kind: "social",
              identityProviderType: "Google",
              clientId: "x",
              clientSecret: "${env:G}",
            },
          },
        },
        { env: { G: "s" } },
      ),
    ).toThrow(/is named Google-OAUTH/);
  });
});

describe("JSON Schemas", () => {
  it("are shipped in schemas/ as generated from the zod schemas (pnpm --filter @ciamkit/core schemas)", () => {
    for (const [name, text] of Object.entries(specJsonSchemas())) {
      expect(JSON.parse(readFileSync(new URL(`../schemas/${name}`, import.meta.url), "utf8")), name).toEqual(
        JSON.parse(text),
      );
    }
  });
});

describe("a spec's references", () => {
  let t: CoreEmulator;
  beforeAll(async () => {
    t = await startCoreEmulator();
  });
  afterAll(() => t.stop());

  it("a bad spec sends no request at all", async () => {
    const before = t.emu.control.monitor.requests().length;
    await expect(
      planTenant(t.client(), { groups: { VIP: { description: 7 } } } as never),
    ).rejects.toBeInstanceOf(SpecError);
    expect(t.emu.control.monitor.requests().length).toBe(before);
  });

  it("a name that exists neither in the spec nor in the tenant is refused with its file and line; nothing is written", async () => {
    const dir = specDir({
      "user-flows.yaml":
        "Shop:\n  identityProviders: [EmailPassword-OAUTH]\n  attributes: [email, Tier]\n  applications: [Nope]\n",
    });
    const loaded = loadSpecDir(dir);
    const before = t.emu.control.monitor.requests().length;
    const error = await planTenant(t.client(), loaded.spec, { locate: loaded.locate }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).message).toContain(
      "user-flows.yaml:3:23: userFlows.Shop.attributes.1: no attribute is named 'Tier'",
    );
    expect((error as SpecError).message).toContain(
      "user-flows.yaml:4:18: userFlows.Shop.applications.0: no application is named 'Nope'",
    );
    const writes = t.emu.control.monitor
      .requests()
      .slice(before)
      // The tenant is read in one $batch (a POST of GETs); nothing else may be sent.
      .filter((r) => r.service === "graph" && r.method !== "GET" && !r.path.endsWith("/$batch"));
    expect(writes).toEqual([]);
  });
});
