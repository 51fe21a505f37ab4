// `ciam identity-provider …`, `ciam user-flow-attribute …` and `ciam user-flow …` as a subprocess: the
// sign-up flow a shop app uses, with Facebook's client secret given on stdin and never echoed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appEnv, ciam, cmd, json, type Run, requireBuilt, startTenant, type TestTenant } from "./harness.ts";

let t: TestTenant;
let shopAppId: string;
beforeAll(async () => {
  requireBuilt();
  t = await startTenant();
  shopAppId = json<{ appId: string }>(
    await ciam(["app", "create", "--display-name", "Shop", "-o", "json"], t.env),
  ).appId;
});
afterAll(async () => t?.close());

const SECRET = "facebook-app-secret-2f9d61c0b8e74a13";
const noLeak = (run: Run) => {
  expect(run.stdout).not.toContain(SECRET);
  expect(run.stderr).not.toContain(SECRET);
};
const facebook = [
  "identity-provider",
  "create",
  "--kind",
  "social",
  "--identity-provider-type",
  "Facebook",
  "--client-id",
  "fb-app",
  "--client-secret-stdin",
  "-o",
  "json",
];

describe("ciam identity-provider, user-flow-attribute, user-flow", () => {
  let attributeId: string;
  let flowId: string;

  it("identity-provider create takes the client secret on stdin; it is in no output", async () => {
    const created = await ciam(facebook, t.env, `${SECRET}\n`);
    expect(created.stderr).toBe("");
    expect(created.status).toBe(0);
    noLeak(created);
    expect(json(created)).toMatchObject({ id: "Facebook-OAUTH", type: "socialIdentityProvider" });
    const got = await ciam(["identity-provider", "get", "--id", "Facebook-OAUTH", "-o", "json"], t.env);
    noLeak(got);
    expect(json(got)).toMatchObject({ clientId: "fb-app" });
    const ids = await ciam(["identity-provider", "list", "--query", "[].id", "-o", "json"], t.env);
    expect(json(ids)).toContain("Facebook-OAUTH");
    const rotated = await ciam(
      ["identity-provider", "update", "--id", "Facebook-OAUTH", "--client-secret-stdin", "-o", "json"],
      t.env,
      `${SECRET}-2`,
    );
    expect(rotated.status).toBe(0);
    noLeak(rotated);
  });

  it("a second Facebook provider is a conflict (exit 6) that does not echo the secret", async () => {
    const again = await ciam(facebook, t.env, SECRET);
    expect(again.status).toBe(6);
    expect(again.stderr).toMatch(/^ciam: error: /);
    noLeak(again);
  });

  it("user-flow-attribute create, get, list-all, update", async () => {
    const created = await ciam(
      cmd`user-flow-attribute create --display-name LoyaltyTier --data-type string -o json`,
      t.env,
    );
    expect(created.status).toBe(0);
    attributeId = json<{ id: string }>(created).id;
    expect(attributeId).toMatch(/^extension_[0-9a-f]{32}_LoyaltyTier$/);
    expect(
      json(await ciam(["user-flow-attribute", "get", "--id", attributeId, "-o", "json"], t.env)),
    ).toMatchObject({
      displayName: "LoyaltyTier",
    });
    const all = await ciam(
      ["user-flow-attribute", "list-all", "--type", "custom", "--query", "[].id", "-o", "json"],
      t.env,
    );
    expect(json(all)).toContain(attributeId);
    const updated = await ciam(
      ["user-flow-attribute", "update", "--id", attributeId, "--description", "Gold, silver or bronze"],
      t.env,
    );
    expect(updated.status).toBe(0);
  });

  it("user-flow create with providers and attributes (repeatable), link an app, read it all back", async () => {
    const created = await ciam(
      cmd`user-flow create --display-name ${"Shop sign-up"} --identity-providers EmailPassword-OAUTH --identity-providers Facebook-OAUTH --attributes ${attributeId} -o json`,
      t.env,
    );
    expect(created.stderr).toBe("");
    expect(created.status).toBe(0);
    flowId = json<{ id: string }>(created).id;
    expect(
      (await ciam(["user-flow", "app-add", "--flow", "Shop sign-up", "--app-id", shopAppId], t.env)).status,
    ).toBe(0);
    // Every list prints as an array, as paged lists do: the docs' `--query "[].…"` finds the items.
    const apps = await ciam(["user-flow", "app-list", "--flow", flowId, "-o", "json"], t.env);
    expect(JSON.parse(apps.stdout)).toContain(shopAppId);
    const idps = await ciam(
      ["user-flow", "idp-list", "--flow", flowId, "--query", "[].id", "-o", "json"],
      t.env,
    );
    expect(JSON.parse(idps.stdout)).toContain("Facebook-OAUTH");
    const attributes = await ciam(["user-flow", "attribute-list", "--flow", flowId, "-o", "yaml"], t.env);
    expect(attributes.stdout).toMatch(/^- /);
    expect(attributes.stdout).toContain(attributeId);
    const table = await ciam(["user-flow", "idp-list", "--flow", flowId, "-o", "table"], t.env);
    expect(table.stdout).toContain("Facebook-OAUTH");
    const found = await ciam(
      ["user-flow", "find-by-app", "--app-id", shopAppId, "--query", "flow.id", "-o", "tsv"],
      t.env,
    );
    expect(found.stdout.trim()).toBe(flowId);
    const ids = await ciam(["user-flow", "list", "--all", "--query", "[].id", "-o", "json"], t.env);
    expect(json(ids)).toContain(flowId);
    const renamed = await ciam(
      ["user-flow", "update", "--flow", flowId, "--display-name", "Shop sign-up v2"],
      t.env,
    );
    expect(renamed.status).toBe(0);
    expect(json(await ciam(["user-flow", "get", "--flow", flowId, "-o", "json"], t.env))).toMatchObject({
      displayName: "Shop sign-up v2",
    });
  });

  it("an update that unlinks a provider refuses without a terminal unless --yes", async () => {
    const writes = () =>
      t.emulator.control.monitor.requests().filter((r) => r.service === "graph" && r.method !== "GET").length;
    const before = writes();
    const args = ["user-flow", "update", "--flow", flowId, "--identity-providers", "EmailPassword-OAUTH"];
    const refused = await ciam(args, t.env);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(
      /would remove identity provider Facebook-OAUTH from 'Shop sign-up v2', and there is no terminal to confirm on; pass --yes/,
    );
    expect(writes()).toBe(before);
    const done = await ciam([...args, "--yes", "-o", "json"], t.env);
    expect(done.status).toBe(0);
    expect(json<{ identityProviders: string[] }>(done).identityProviders).toEqual(["EmailPassword-OAUTH"]);
  });

  it("deletes refuse without --yes, then go in dependency order; gone is exit 5", async () => {
    const refused = await ciam(["user-flow", "delete", "--flow", flowId], t.env);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/pass --yes/);
    expect((await ciam(["user-flow", "delete", "--flow", flowId, "--yes"], t.env)).status).toBe(0);
    expect((await ciam(["user-flow", "get", "--flow", flowId], t.env)).status).toBe(5);
    expect((await ciam(["user-flow-attribute", "delete", "--id", attributeId, "--yes"], t.env)).status).toBe(
      0,
    );
    expect(
      (await ciam(["identity-provider", "delete", "--id", "Facebook-OAUTH", "--yes"], t.env)).status,
    ).toBe(0);
    expect((await ciam(["identity-provider", "get", "--id", "Facebook-OAUTH"], t.env)).status).toBe(5);
  });

  it("an app without the user flow permission gets exit 4 naming it", async () => {
    const { env } = await appEnv(t, "No flows");
    const run = await ciam(["user-flow", "list"], env);
    expect(run.status).toBe(4);
    expect(run.stderr).toMatch(/EventListener\.Read\.All/);
  });
});
