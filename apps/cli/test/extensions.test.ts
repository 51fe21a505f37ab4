// `ciam custom-extension …` and `ciam event-listener …` as a subprocess: an extension called at token
// issuance, and the listener that wires it to an app.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appEnv, ciam, cmd, json, requireBuilt, startTenant, type TestTenant } from "./harness.ts";

let t: TestTenant;
let apiAppId: string;
let shopAppId: string;
beforeAll(async () => {
  requireBuilt();
  t = await startTenant();
  // The API the extension calls must be allowed to receive the payload (Graph app role).
  apiAppId = (await appEnv(t, "claims api", ["CustomAuthenticationExtensions.Receive.Payload"])).appId;
  shopAppId = json<{ appId: string }>(
    await ciam(["app", "create", "--display-name", "Shop", "-o", "json"], t.env),
  ).appId;
}, 60_000);
afterAll(async () => t?.close());

const targetUrl = "https://claims.contoso.example/api/token-start";
interface Extension {
  id: string;
  kind: string;
  displayName: string;
  claims?: string[];
}

describe("ciam custom-extension and event-listener", () => {
  let extension: Extension;
  let listenerId: string;

  it("custom-extension create (repeatable --claims), get, list, update, validate", async () => {
    const created = await ciam(
      cmd`custom-extension create --kind onTokenIssuanceStart --display-name ${"Loyalty claims"} --target-url ${targetUrl} --app-id ${apiAppId} --claims loyaltyTier --claims region -o json`,
      t.env,
    );
    expect(created.stderr).toBe("");
    expect(created.status).toBe(0);
    extension = json<Extension>(created);
    expect(extension).toMatchObject({ kind: "onTokenIssuanceStart", claims: ["loyaltyTier", "region"] });
    const got = await ciam(["custom-extension", "get", "--id", extension.id, "-o", "json"], t.env);
    expect(json(got)).toEqual(extension);
    const list = await ciam(["custom-extension", "list", "--query", "[].displayName", "-o", "tsv"], t.env);
    expect(list.stdout.trim().split("\n")).toEqual(["Loyalty claims"]);
    const updated = await ciam(
      ["custom-extension", "update", "--id", extension.id, "--display-name", "Loyalty", "-o", "json"],
      t.env,
    );
    expect(json<Extension>(updated).displayName).toBe("Loyalty");
    const validated = await ciam(["custom-extension", "validate", "--id", extension.id, "-o", "json"], t.env);
    expect(validated.status).toBe(0);
  });

  it("event-listener create, get, list by app, update", async () => {
    const created = await ciam(
      cmd`event-listener create --kind onTokenIssuanceStart --app-ids ${shopAppId} --custom-extension-id ${extension.id} --display-name ${"shop claims"} -o json`,
      t.env,
    );
    expect(created.status).toBe(0);
    const listener = json<{ id: string; appIds: string[]; customExtensionId: string }>(created);
    listenerId = listener.id;
    expect(listener).toMatchObject({ appIds: [shopAppId], customExtensionId: extension.id });
    expect(json(await ciam(["event-listener", "get", "--id", listenerId, "-o", "json"], t.env))).toEqual(
      listener,
    );
    const byApp = await ciam(
      ["event-listener", "list", "--app-id", shopAppId, "--query", "[].id", "-o", "json"],
      t.env,
    );
    expect(json(byApp)).toEqual([listenerId]);
    const updated = await ciam(
      ["event-listener", "update", "--id", listenerId, "--display-name", "shop loyalty", "-o", "json"],
      t.env,
    );
    expect(json(updated)).toMatchObject({ displayName: "shop loyalty" });
  });

  it("delete refuses without a terminal or --yes; --read-only refuses every write; with --yes they go", async () => {
    const refused = await ciam(["event-listener", "delete", "--id", listenerId], t.env);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/pass --yes/);
    const readOnly = await ciam(
      ["--read-only", "custom-extension", "update", "--id", extension.id, "--display-name", "x"],
      t.env,
    );
    expect(readOnly.status).toBe(2);
    expect(readOnly.stderr).toMatch(/read-only/);
    expect((await ciam(["event-listener", "delete", "--id", listenerId, "--yes"], t.env)).status).toBe(0);
    expect((await ciam(["custom-extension", "delete", "--id", extension.id, "--yes"], t.env)).status).toBe(0);
    expect((await ciam(["event-listener", "get", "--id", listenerId], t.env)).status).toBe(5);
    expect((await ciam(["custom-extension", "get", "--id", extension.id], t.env)).status).toBe(5);
  });

  it("an app that may only read extensions gets exit 4 naming the write permission", async () => {
    const { env } = await appEnv(t, "Extension reader", ["CustomAuthenticationExtension.Read.All"]);
    expect((await ciam(["custom-extension", "list", "-o", "json"], env)).status).toBe(0);
    const run = await ciam(
      cmd`custom-extension create --kind onOtpSend --display-name x --target-url ${targetUrl} --app-id ${apiAppId}`,
      env,
    );
    expect(run.status).toBe(4);
    expect(run.stderr).toContain("CustomAuthenticationExtension.ReadWrite.All");
  });

  it("an unknown --kind is a usage error listing the kinds, before any request", async () => {
    const before = t.requests();
    const run = await ciam(
      ["custom-extension", "create", "--kind", "onSignIn", "--display-name", "x", "--target-url", targetUrl],
      t.env,
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Allowed choices are onTokenIssuanceStart/);
    expect(t.requests()).toBe(before);
  });
});
