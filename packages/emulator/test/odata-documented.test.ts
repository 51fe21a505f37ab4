import { describe, expect, it } from "vitest";
import { customer, useGraphFixture } from "./helpers/graph.ts";

// Requests from Microsoft's Graph reference pages that the emulator used to refuse: listing custom
// authentication extensions by type with isOf(), $select names in another case, and any() without a
// lambda body.

const { g } = useGraphFixture();

async function extension(type: string, appId: string): Promise<string> {
  const r = await g.post("/identity/customAuthenticationExtensions", {
    "@odata.type": `#microsoft.graph.${type}`,
    displayName: `${type} hook`,
    endpointConfiguration: {
      "@odata.type": "#microsoft.graph.httpRequestEndpoint",
      targetUrl: "https://claims.fabrikam.example/api/hook",
    },
    authenticationConfiguration: {
      "@odata.type": "#microsoft.graph.azureAdTokenAuthentication",
      resourceId: `api://claims.fabrikam.example/${appId}`,
    },
    ...(type === "onTokenIssuanceStartCustomExtension"
      ? { claimsForTokenConfiguration: [{ claimIdInApiResponse: "loyaltyTier" }] }
      : {}),
  });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

describe("documented OData requests", () => {
  it("lists custom authentication extensions by type with isOf()", async () => {
    const app = (await g.post("/applications", { displayName: "claims api" })).body;
    await g.post("/servicePrincipals", { appId: app.appId });
    const token = await extension("onTokenIssuanceStartCustomExtension", app.appId);
    await extension("onAttributeCollectionStartCustomExtension", app.appId);
    const r = await g.get(
      "/identity/customAuthenticationExtensions?$filter=isOf('microsoft.graph.onTokenIssuanceStartCustomExtension')",
    );
    expect(r.status).toBe(200);
    expect(r.body.value.map((e: { id: string }) => e.id)).toEqual([token]);
    expect(r.body.value[0]["@odata.type"]).toBe("#microsoft.graph.onTokenIssuanceStartCustomExtension");
    const base = await g.get(
      "/identity/customAuthenticationExtensions?$filter=isOf('microsoft.graph.customAuthenticationExtension')",
    );
    expect(base.body.value).toHaveLength(2);
    const unknown = await g.get(
      "/identity/customAuthenticationExtensions?$filter=isOf('microsoft.graph.user')",
    );
    expect(unknown.status).toBe(400);
    expect((await g.get("/users?$filter=isOf('microsoft.graph.user')")).status).toBe(400);
  });

  it("matches $select names without case and serves them as declared", async () => {
    const { body } = await g.post("/users", customer("ana@example.com", { givenName: "Ana" }));
    const r = await g.get(`/users/${body.id}?$select=DisplayName,GIVENNAME`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ displayName: "ana", givenName: "Ana" });
    expect(r.body).not.toHaveProperty("DisplayName");
    const list = await g.get("/groups?$select=DISPLAYNAME");
    expect(list.status).toBe(200);
    expect(list.body.value[0]).toHaveProperty("displayName");
    expect((await g.get("/users?$select=noSuchProperty")).status).toBe(400);
  });

  it("parses any() without arguments: the items whose collection is not empty", async () => {
    await g.post("/groups", {
      displayName: "Unified",
      mailEnabled: true,
      mailNickname: "unified",
      securityEnabled: false,
      groupTypes: ["Unified"],
    });
    await g.post("/groups", {
      displayName: "Security",
      mailEnabled: false,
      mailNickname: "security",
      securityEnabled: true,
      groupTypes: [],
    });
    const r = await g.get("/groups?$filter=groupTypes/any()&$select=displayName");
    expect(r.status).toBe(200);
    expect(r.body.value.map((x: { displayName: string }) => x.displayName)).toContain("Unified");
    expect(r.body.value.map((x: { displayName: string }) => x.displayName)).not.toContain("Security");
  });
});
