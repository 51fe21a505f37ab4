import { describe, expect, it } from "vitest";
import { useGraphFixture } from "./helpers/graph.ts";

const { fx, g } = useGraphFixture();

async function servicePrincipal(name: string): Promise<string> {
  const app = (await g.post("/applications", { displayName: name })).body;
  return (await g.post("/servicePrincipals", { appId: app.appId })).body.id as string;
}

describe("/oauth2PermissionGrants (a declared entity set)", () => {
  it("creates (201 with Location), refuses a duplicate (409), gets, deletes (204) and audits on the client", async () => {
    const admin = await fx.as(["DelegatedPermissionGrant.ReadWrite.All"]);
    const client = await servicePrincipal("web");
    const resource = await servicePrincipal("api");
    const body = {
      clientId: client,
      resourceId: resource,
      consentType: "AllPrincipals",
      scope: "read write",
    };
    const created = await admin.post("/oauth2PermissionGrants", body);
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toContain(`/oauth2PermissionGrants/${created.body.id}`);
    expect(created.body).toMatchObject({ clientId: client, resourceId: resource, scope: "read write" });
    expect((await admin.post("/oauth2PermissionGrants", body)).status).toBe(409);
    expect((await admin.get(`/oauth2PermissionGrants/${created.body.id}`)).body.scope).toBe("read write");
    expect((await admin.patch(`/oauth2PermissionGrants/${created.body.id}`, { scope: "read" })).status).toBe(
      204,
    );
    expect((await admin.get(`/oauth2PermissionGrants/${created.body.id}`)).body.scope).toBe("read");
    expect(
      (await admin.patch(`/oauth2PermissionGrants/${created.body.id}`, { clientId: resource })).status,
    ).toBe(400);
    const filtered = await admin.get(`/oauth2PermissionGrants?$filter=clientId eq '${client}'`);
    expect(filtered.body.value).toHaveLength(1);
    expect((await admin.del(`/oauth2PermissionGrants/${created.body.id}`)).status).toBe(204);
    expect((await admin.get(`/oauth2PermissionGrants/${created.body.id}`)).error?.code).toBe(
      "Request_ResourceNotFound",
    );
    const audits = [...fx.tenant.collection("directoryAudits").values()].filter((a) =>
      String(a.activityDisplayName).includes("delegated permission grant"),
    );
    expect(audits.map((a) => a.activityDisplayName)).toEqual([
      "Add delegated permission grant",
      "Update delegated permission grant",
      "Remove delegated permission grant",
    ]);
    const targets = (audits[0]?.targetResources ?? []) as { id: string }[];
    expect(targets[0]?.id).toBe(client);
  });

  it("refuses a grant for a user that is not a principal (400) and an unknown client (404)", async () => {
    const admin = await fx.as(["DelegatedPermissionGrant.ReadWrite.All"]);
    const client = await servicePrincipal("web");
    const bad = await admin.post("/oauth2PermissionGrants", {
      clientId: client,
      resourceId: client,
      consentType: "Principal",
      scope: "x",
    });
    expect(bad.status).toBe(400);
    const missing = await admin.post("/oauth2PermissionGrants", {
      clientId: "68be84bf-0000-4000-8000-000000000000",
      resourceId: client,
      consentType: "AllPrincipals",
      scope: "x",
    });
    expect(missing.status).toBe(404);
  });
});
