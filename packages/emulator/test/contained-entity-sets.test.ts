import { describe, expect, it } from "vitest";
import { GRAPH_APP_ID, GRAPH_APP_ROLES } from "../src/graph/entities/graph-service-principal.ts";
import { customer, useGraphFixture } from "./helpers/graph.ts";

const { fx, g } = useGraphFixture();

/** A declared set contained in a parent's records (ADR 0011, `parent`): a service principal's app role assignments. */
describe("contained entity sets", () => {
  it("creates under the parent in the path, with the parent in Location and @odata.context, by id or appId", async () => {
    const { body: app } = await g.post("/applications", { displayName: "shop" });
    const { body: sp } = await g.post("/servicePrincipals", { appId: app.appId });
    const graph = (await g.get(`/servicePrincipals(appId='${GRAPH_APP_ID}')`)).body;
    const r = await g.post(`/servicePrincipals(appId='${GRAPH_APP_ID}')/appRoleAssignedTo`, {
      principalId: sp.id,
      resourceId: graph.id,
      appRoleId: GRAPH_APP_ROLES["User.Read.All"],
    });
    expect(r.status).toBe(201);
    expect(r.headers.get("location")).toMatch(
      new RegExp(`/v1\\.0/servicePrincipals/${graph.id}/appRoleAssignedTo/${r.body.id}$`),
    );
    expect(r.body["@odata.context"]).toMatch(
      new RegExp(`\\$metadata#servicePrincipals\\('${graph.id}'\\)/appRoleAssignedTo/\\$entity$`),
    );
    const principalSide = await g.get(`/servicePrincipals(appId='${app.appId}')/appRoleAssignments`);
    expect(principalSide.body["@odata.context"]).toMatch(
      new RegExp(`\\$metadata#servicePrincipals\\('${sp.id}'\\)/appRoleAssignments$`),
    );
    expect(principalSide.body.value.map((a: { id: string }) => a.id)).toEqual([r.body.id]);
    // The assignment belongs to the resource side of Graph's principal and the principal side of the app's.
    expect((await g.get(`/servicePrincipals/${sp.id}/appRoleAssignedTo`)).body.value).toEqual([]);
    expect((await g.get(`/servicePrincipals/${graph.id}/appRoleAssignments`)).body.value).toEqual([]);
  });

  it("finds a record only under its own parent (404 elsewhere, nothing removed), and audits Assign and Unassign", async () => {
    const { body: app } = await g.post("/applications", { displayName: "shop" });
    const { body: sp } = await g.post("/servicePrincipals", { appId: app.appId });
    const graph = (await g.get(`/servicePrincipals(appId='${GRAPH_APP_ID}')`)).body;
    const r = await g.post(`/servicePrincipals/${graph.id}/appRoleAssignedTo`, {
      principalId: sp.id,
      resourceId: graph.id,
      appRoleId: GRAPH_APP_ROLES["User.Read.All"],
    });
    const elsewhere = await g.del(`/servicePrincipals/${sp.id}/appRoleAssignedTo/${r.body.id}`);
    expect(elsewhere).toMatchObject({ status: 404, error: { code: "Request_ResourceNotFound" } });
    expect((await g.get(`/servicePrincipals/${sp.id}/appRoleAssignments`)).body.value).toHaveLength(1);
    expect((await g.del(`/servicePrincipals/${sp.id}/appRoleAssignments/${r.body.id}`)).status).toBe(204);
    const left = (await g.get(`/servicePrincipals/${graph.id}/appRoleAssignedTo`)).body.value;
    expect(left.map((a: { id: string }) => a.id)).not.toContain(r.body.id);
    const audits = [...fx.tenant.collection("directoryAudits").values()].filter(
      (a) => a.category === "ApplicationManagement" && String(a.activityDisplayName).includes("app role"),
    );
    expect(audits.map((a) => [a.activityDisplayName, a.operationType])).toEqual([
      ["Add app role assignment to service principal", "Assign"],
      ["Remove app role assignment from service principal", "Unassign"],
    ]);
    const added = audits[0]?.targetResources as { id: string; modifiedProperties?: unknown[] }[];
    expect(added.map((t) => t.id)).toEqual([sp.id, graph.id]);
    expect(added[0]?.modifiedProperties).toEqual([
      expect.objectContaining({ displayName: "AppRole.Value", newValue: JSON.stringify("User.Read.All") }),
    ]);
  });

  it("finds an alternate key among the parent's records only: the same credential name on two applications", async () => {
    const credential = (name: string) => ({
      name,
      issuer: "https://token.actions.githubusercontent.com",
      subject: `repo:contoso/${name}:ref:refs/heads/main`,
      audiences: ["api://AzureADTokenExchange"],
    });
    const apps = await Promise.all(
      ["first", "second"].map(async (displayName) => (await g.post("/applications", { displayName })).body),
    );
    for (const app of apps) {
      const r = await g.post(`/applications/${app.id}/federatedIdentityCredentials`, credential("deploy"));
      expect(r.status).toBe(201);
      expect(r.headers.get("location")).toContain(`applications('${app.id}')/federatedIdentityCredentials/`);
    }
    const [first, second] = apps;
    const byName = (app: { id: string }) =>
      `/applications/${app.id}/federatedIdentityCredentials(name='deploy')`;
    const read = await g.get(byName(second));
    expect(read.body).toMatchObject({ name: "deploy" });
    expect(read.body["@odata.context"]).toContain(
      `applications('${second.id}')/federatedIdentityCredentials`,
    );
    expect((await g.del(byName(first))).status).toBe(204);
    expect((await g.get(byName(first))).status).toBe(404);
    expect((await g.get(byName(second))).status).toBe(200);
    expect((await g.get(`/applications/${second.id}/federatedIdentityCredentials`)).body.value).toHaveLength(
      1,
    );
  });

  it("stores a record by a key unique within its parent: the same email method id on two users", async () => {
    const users = await Promise.all(
      ["ana@example.com", "bo@example.com"].map(
        async (email) => (await g.post("/users", customer(email))).body,
      ),
    );
    const ids: string[] = [];
    for (const user of users) {
      const r = await g.post(`/users/${user.id}/authentication/emailMethods`, {
        emailAddress: "shared@example.com",
      });
      expect(r.status).toBe(201);
      expect(r.headers.get("location")).toMatch(
        new RegExp(`/users/${user.id}/authentication/emailMethods/${r.body.id}$`),
      );
      ids.push(r.body.id);
    }
    expect(ids[0]).toBe(ids[1]);
    const [ana, bo] = users;
    expect((await g.del(`/users/${ana.id}/authentication/emailMethods/${ids[0]}`)).status).toBe(204);
    expect((await g.get(`/users/${ana.id}/authentication/emailMethods`)).body.value).toEqual([]);
    expect((await g.get(`/users/${bo.id}/authentication/emailMethods`)).body.value).toEqual([
      { id: ids[1], emailAddress: "shared@example.com" },
    ]);
    const selected = await g.get(`/users/${bo.id}/authentication/emailMethods?$select=emailAddress`);
    expect(selected.body.value).toEqual([{ emailAddress: "shared@example.com" }]);
  });
});
