import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useGraphFixture } from "./helpers/graph.ts";

const { g } = useGraphFixture();

const scope = (value: string, isEnabled = true, id: string = randomUUID()) => ({
  id,
  value,
  isEnabled,
  type: "User",
  adminConsentDisplayName: value,
  adminConsentDescription: value,
});

describe("exposed scopes and app roles", () => {
  it("refuses removing or renaming an enabled scope (400 CannotDeleteOrUpdateEnabledEntitlement) and removes a disabled one", async () => {
    const id = randomUUID();
    const { body: app } = await g.post("/applications", {
      displayName: "api",
      api: { oauth2PermissionScopes: [scope("read", true, id)] },
    });
    const removed = await g.patch(`/applications/${app.id}`, { api: { oauth2PermissionScopes: [] } });
    expect(removed.status).toBe(400);
    expect(removed.error?.code).toBe("CannotDeleteOrUpdateEnabledEntitlement");
    const renamed = await g.patch(`/applications/${app.id}`, {
      api: { oauth2PermissionScopes: [scope("write", true, id)] },
    });
    expect(renamed.error?.code).toBe("CannotDeleteOrUpdateEnabledEntitlement");
    expect((await g.get(`/applications/${app.id}?$select=api`)).body.api.oauth2PermissionScopes).toHaveLength(
      1,
    );

    expect(
      (
        await g.patch(`/applications/${app.id}`, {
          api: { oauth2PermissionScopes: [scope("read", false, id)] },
        })
      ).status,
    ).toBe(204);
    expect((await g.patch(`/applications/${app.id}`, { api: { oauth2PermissionScopes: [] } })).status).toBe(
      204,
    );
  });

  it("applies the same rule to app roles and refuses duplicate values", async () => {
    const role = {
      id: randomUUID(),
      value: "Admin",
      displayName: "Admin",
      description: "Admin",
      isEnabled: true,
      allowedMemberTypes: ["User"],
    };
    const { body: app } = await g.post("/applications", { displayName: "roles", appRoles: [role] });
    const r = await g.patch(`/applications/${app.id}`, { appRoles: [] });
    expect(r.error?.code).toBe("CannotDeleteOrUpdateEnabledEntitlement");
    const dup = await g.patch(`/applications/${app.id}`, {
      appRoles: [role, { ...role, id: randomUUID() }],
    });
    expect(dup.status).toBe(400);
    expect(dup.error?.message).toContain("appRoles");
  });
});

describe("application PATCH of a complex property", () => {
  it("changes the properties it names and keeps the others", async () => {
    const { body: app } = await g.post("/applications", {
      displayName: "merge",
      api: { requestedAccessTokenVersion: 2 },
      web: { implicitGrantSettings: { enableIdTokenIssuance: true } },
    });
    await g.patch(`/applications/${app.id}`, {
      api: { oauth2PermissionScopes: [scope("read")] },
      web: { redirectUris: ["https://merge.example/cb"] },
    });
    const { body } = await g.get(`/applications/${app.id}?$select=api,web`);
    expect(body.api.requestedAccessTokenVersion).toBe(2);
    expect(body.api.oauth2PermissionScopes).toHaveLength(1);
    expect(body.web.implicitGrantSettings.enableIdTokenIssuance).toBe(true);
    expect(body.web.redirectUris).toEqual(["https://merge.example/cb"]);
  });
});

describe("federated identity credentials", () => {
  const fic = (name: string, subject = `repo:contoso/shop:ref:refs/heads/${name}`) => ({
    name,
    issuer: "https://token.actions.githubusercontent.com",
    subject,
    audiences: ["api://AzureADTokenExchange"],
  });

  it("creates (201), lists, gets by id and by name, updates and deletes", async () => {
    const { body: app } = await g.post("/applications", { displayName: "ci" });
    const created = await g.post(
      `/applications(appId='${app.appId}')/federatedIdentityCredentials`,
      fic("main"),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...fic("main"), description: null });
    expect(created.body.applicationObjectId).toBeUndefined();
    const list = await g.get(`/applications/${app.id}/federatedIdentityCredentials`);
    expect(list.body.value.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    expect((await g.get(`/applications/${app.id}/federatedIdentityCredentials(name='main')`)).body.id).toBe(
      created.body.id,
    );
    expect(
      (
        await g.patch(`/applications/${app.id}/federatedIdentityCredentials/${created.body.id}`, {
          description: "CI",
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await g.patch(`/applications/${app.id}/federatedIdentityCredentials/${created.body.id}`, {
          name: "other",
        })
      ).status,
    ).toBe(400);
    expect((await g.del(`/applications/${app.id}/federatedIdentityCredentials(name='main')`)).status).toBe(
      204,
    );
    expect(
      (await g.get(`/applications/${app.id}/federatedIdentityCredentials/${created.body.id}`)).status,
    ).toBe(404);
  });

  it("upserts by name with Prefer: create-if-missing: creates a missing name (201), updates an existing one (204)", async () => {
    const { body: app } = await g.post("/applications", { displayName: "upsert" });
    const { name: _n, ...body } = fic("deploy");
    const byName = `/applications(appId='${app.appId}')/federatedIdentityCredentials(name='deploy')`;
    // Without the header a missing name is an update of nothing (404) and creates nothing.
    expect((await g.patch(byName, body)).status).toBe(404);
    const created = await g.call("PATCH", byName, body, { Prefer: "create-if-missing" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...fic("deploy"), description: null });
    const updated = await g.call(
      "PATCH",
      byName,
      { ...body, description: "deploy" },
      { Prefer: "create-if-missing" },
    );
    expect(updated.status).toBe(204);
    const list = await g.get(`/applications/${app.id}/federatedIdentityCredentials`);
    expect(list.body.value).toMatchObject([{ id: created.body.id, name: "deploy", description: "deploy" }]);
    // The key names the credential: another name in the body is refused.
    const renamed = await g.call(
      "PATCH",
      `/applications/${app.id}/federatedIdentityCredentials(name='other')`,
      { ...body, name: "third" },
      { Prefer: "create-if-missing" },
    );
    expect(renamed.status).toBe(400);
  });

  it.each([
    ["a short name", { ...fic("ab") }, "name"],
    ["a name with a space", { ...fic("a b") }, "name"],
    ["two audiences", { ...fic("two"), audiences: ["a", "b"] }, "audiences"],
    ["an issuer that is no URL", { ...fic("iss"), issuer: "github" }, "issuer"],
  ])("refuses %s (400)", async (_, body, property) => {
    const { body: app } = await g.post("/applications", { displayName: "bad" });
    const r = await g.post(`/applications/${app.id}/federatedIdentityCredentials`, body);
    expect(r.status).toBe(400);
    expect(r.error?.message).toContain(property);
  });

  it("refuses a repeated name or issuer and subject, and a 21st credential", async () => {
    const { body: app } = await g.post("/applications", { displayName: "many" });
    const path = `/applications/${app.id}/federatedIdentityCredentials`;
    expect((await g.post(path, fic("main"))).status).toBe(201);
    expect((await g.post(path, fic("MAIN", "other"))).error?.details?.[0]?.target).toBe("name");
    expect((await g.post(path, fic("again", fic("main").subject))).error?.details?.[0]?.target).toBe(
      "subject",
    );
    for (let i = 1; i < 20; i++) expect((await g.post(path, fic(`bulk${i}`))).status).toBe(201);
    const over = await g.post(path, fic("bulk20"));
    expect(over.status).toBe(400);
    expect(over.error?.message).toContain("at most 20");
  });
});
