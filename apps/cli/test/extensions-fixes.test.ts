// Issue 14's also-fix items through the CLI's exit codes: an invalid extension auth setup exits 6 and
// names its fix (`wire --fix` makes it); deleting an extension a listener calls exits 6 naming the
// listener (`--with-listeners --yes` deletes both); `user-flow setup` adopts "Loyalty Number" for
// "LoyaltyNumber".
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ciam, cmd, json, requireBuilt, startTenant, type TestTenant } from "./harness.ts";

let t: TestTenant;
let apiAppId: string;
let shopAppId: string;
const targetUrl = "https://claims.contoso.example/api/token-start";
beforeAll(async () => {
  requireBuilt();
  t = await startTenant();
  const app = async (name: string) =>
    json<{ appId: string }>(await ciam(["app", "create", "--display-name", name, "-o", "json"], t.env)).appId;
  apiAppId = await app("Unprepared API");
  shopAppId = await app("Shop");
}, 60_000);
afterAll(async () => t?.close());

describe("ciam custom-extension: invalid setups and listeners still calling", () => {
  let extensionId: string;
  let listenerId: string;

  it("validate exits 6 when invalid and names the fix; wire --fix makes it and exits 0", async () => {
    const invalid = await ciam(
      cmd`custom-extension validate --target-url ${targetUrl} --app-id ${apiAppId} -o json`,
      t.env,
    );
    expect(invalid.status).toBe(6);
    expect(json<{ valid: boolean; fixes: string[] }>(invalid)).toMatchObject({
      valid: false,
      fixes: expect.arrayContaining([expect.stringContaining("custom_extension_wire with fix: true")]),
    });
    const unfixed = await ciam(
      cmd`custom-extension wire --display-name Claims --target-url ${targetUrl} --app-id ${apiAppId} --app-ids ${shopAppId} -o json`,
      t.env,
    );
    expect(unfixed.status).toBe(6);
    const fixed = await ciam(
      cmd`custom-extension wire --display-name Claims --target-url ${targetUrl} --app-id ${apiAppId} --app-ids ${shopAppId} --fix -o json`,
      t.env,
    );
    expect(fixed.status, fixed.stderr).toBe(0);
    const result = json<{ extension: { id: string }; listenerId: string; validation: { valid: boolean } }>(
      fixed,
    );
    expect(result.validation.valid).toBe(true);
    extensionId = result.extension.id;
    listenerId = result.listenerId;
  });

  it("delete exits 6 naming the listener that calls it; --with-listeners --yes deletes both", async () => {
    const refused = await ciam(["custom-extension", "delete", "--id", extensionId, "--yes"], t.env);
    expect(refused.status).toBe(6);
    expect(refused.stderr).toContain(`event listener ${listenerId}`);
    expect((await ciam(["custom-extension", "get", "--id", extensionId], t.env)).status).toBe(0);
    const both = await ciam(
      ["custom-extension", "delete", "--id", extensionId, "--with-listeners", "--yes", "-o", "json"],
      t.env,
    );
    expect(both.status, both.stderr).toBe(0);
    expect(json(both)).toEqual({ id: extensionId, deleted: true, listeners: [listenerId] });
    expect((await ciam(["event-listener", "get", "--id", listenerId], t.env)).status).toBe(5);
  });
});

describe("ciam user-flow setup", () => {
  it("adopts an existing 'Loyalty Number' for 'LoyaltyNumber' (exit 0, no 409)", async () => {
    const existing = json<{ id: string }>(
      await ciam(
        cmd`user-flow-attribute create --display-name ${"Loyalty Number"} --data-type string -o json`,
        t.env,
      ),
    );
    const input = join(t.bare.HOME ?? "", "setup.json");
    writeFileSync(
      input,
      JSON.stringify({
        displayName: "Loyalty sign-up",
        customAttributes: [{ name: "LoyaltyNumber", dataType: "string" }],
        attributes: ["email", "LoyaltyNumber"],
      }),
    );
    const run = await ciam(["user-flow", "setup", "--input", input, "-o", "json"], t.env);
    expect(run.status, run.stderr).toBe(0);
    expect(json<{ flow: { attributes: string[] } }>(run).flow.attributes).toContain(existing.id);
  });
});
