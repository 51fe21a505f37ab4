import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestEmulator } from "./helpers/emulator.ts";
import { type GraphCaller, graphCaller, limitedToken, startWithReader } from "./helpers/graph-https.ts";

let t: TestEmulator;
let g: GraphCaller;
let reader: GraphCaller;
let nobody: GraphCaller;
beforeAll(async () => {
  ({ t, g, reader } = await startWithReader("idp reader", ["IdentityProvider.Read.All"]));
  const noToken = await limitedToken(t, "idp nobody", ["User.Read.All"]);
  nobody = graphCaller(t, () => noToken);
});
afterAll(() => t.emu.stop());

const google = {
  "@odata.type": "#microsoft.graph.socialIdentityProvider",
  displayName: "Google",
  identityProviderType: "Google",
  clientId: "1234-abc.apps.googleusercontent.com",
  clientSecret: "google-s3cr3t",
};

describe("/identity/identityProviders", () => {
  it("lists the built-in providers of an external tenant", async () => {
    const r = await g.get("/v1.0/identity/identityProviders");
    expect(r.status).toBe(200);
    expect(r.body["@odata.context"]).toBe(`${t.emu.graphUrl}/v1.0/$metadata#identity/identityProviders`);
    expect(r.body.value).toEqual(
      expect.arrayContaining([
        {
          "@odata.type": "#microsoft.graph.builtInIdentityProvider",
          id: "EmailPassword-OAUTH",
          displayName: "Email with password",
          identityProviderType: "EmailPassword",
          state: null,
        },
        expect.objectContaining({ id: "EmailOtpSignup-OAUTH", identityProviderType: "EmailOTP" }),
      ]),
    );
  });

  it("answers availableProviderTypes as a string collection", async () => {
    const r = await reader.get("/v1.0/identity/identityProviders/availableProviderTypes");
    expect(r.status).toBe(200);
    expect(r.body["@odata.context"]).toMatch(/\$metadata#Collection\(Edm\.String\)$/);
    expect(r.body.value).toEqual(expect.arrayContaining(["EmailPassword", "EmailOTP", "Google", "Facebook"]));
  });

  it("creates a social provider with id {Type}-OAUTH and never echoes its secret", async () => {
    const r = await g.post("/v1.0/identity/identityProviders", google);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      "@odata.type": "#microsoft.graph.socialIdentityProvider",
      id: "Google-OAUTH",
      clientId: google.clientId,
      clientSecret: "******",
    });
    const got = await reader.get("/v1.0/identity/identityProviders/google-oauth");
    expect(got.body.clientSecret).toBe("******");
    const tenant = t.emu.store.tenant(t.tenant.tenantId);
    for (const name of tenant?.collectionNames() ?? []) {
      const values = [...(tenant?.collection(name).values() ?? [])];
      expect(JSON.stringify(values)).not.toContain("google-s3cr3t");
    }
    expect((await g.post("/v1.0/identity/identityProviders", google)).status).toBe(409);
  });

  it.each([
    ["no @odata.type", { ...google, "@odata.type": undefined }],
    ["a built-in type", { ...google, "@odata.type": "#microsoft.graph.builtInIdentityProvider" }],
    ["an unsupported social type", { ...google, identityProviderType: "Twitter" }],
    ["no client secret", { ...google, clientSecret: undefined, identityProviderType: "Facebook" }],
    ["an id", { ...google, id: "x", identityProviderType: "Facebook" }],
  ])("refuses a create with %s (400), creating nothing", async (_, body) => {
    const before = (await g.get("/v1.0/identity/identityProviders")).body.value.length;
    const r = await g.post("/v1.0/identity/identityProviders", body);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("Request_BadRequest");
    expect((await g.get("/v1.0/identity/identityProviders")).body.value.length).toBe(before);
  });

  it("creates Apple and OIDC providers with their secrets masked", async () => {
    const apple = await g.post("/v1.0/identity/identityProviders", {
      "@odata.type": "#microsoft.graph.appleManagedIdentityProvider",
      displayName: "Sign in with Apple",
      developerId: "UBF8T346G9",
      serviceId: "com.contoso.app",
      keyId: "99P6D879C4",
      certificateData: "-----BEGIN PRIVATE KEY-----abc",
    });
    expect(apple.status).toBe(201);
    expect(apple.body).toMatchObject({ id: "Apple-Managed-OIDC", certificateData: "******" });
    const oidc = await g.post("/v1.0/identity/identityProviders", {
      "@odata.type": "#microsoft.graph.oidcIdentityProvider",
      displayName: "Contoso OIDC",
      clientId: "oidc-client",
      issuer: "https://idp.example.com",
      wellKnownEndpoint: "https://idp.example.com/.well-known/openid-configuration",
      scope: "openid profile email",
      responseType: "code",
      clientAuthentication: {
        "@odata.type": "#microsoft.graph.oidcClientSecretAuthentication",
        clientSecret: "oidc-secret",
      },
    });
    expect(oidc.status).toBe(201);
    expect(oidc.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(oidc.body.clientAuthentication).toEqual({
      "@odata.type": "#microsoft.graph.oidcClientSecretAuthentication",
      clientSecret: "******",
    });
    expect(oidc.body.inboundClaimMapping).toMatchObject({ sub: "sub", name: "name" });
  });

  it("updates a social provider's name and secret (204), refusing its type or a built-in", async () => {
    const r = await g.patch("/v1.0/identity/identityProviders/Google-OAUTH", {
      "@odata.type": "#microsoft.graph.socialIdentityProvider",
      displayName: "Google accounts",
      clientSecret: "rotated",
    });
    expect(r.status).toBe(204);
    expect((await g.get("/v1.0/identity/identityProviders/Google-OAUTH")).body.displayName).toBe(
      "Google accounts",
    );
    const typeChange = await g.patch("/v1.0/identity/identityProviders/Google-OAUTH", {
      "@odata.type": "#microsoft.graph.socialIdentityProvider",
      identityProviderType: "Facebook",
    });
    expect(typeChange.status).toBe(400);
    const noType = await g.patch("/v1.0/identity/identityProviders/Google-OAUTH", { displayName: "x" });
    expect(noType.status).toBe(400);
    const builtIn = await g.patch("/v1.0/identity/identityProviders/EmailPassword-OAUTH", {
      "@odata.type": "#microsoft.graph.builtInIdentityProvider",
      displayName: "x",
    });
    expect(builtIn.status).toBe(400);
  });

  it("answers 404 for an unknown provider and 403 without the permission", async () => {
    expect((await g.get("/v1.0/identity/identityProviders/Nope-OAUTH")).status).toBe(404);
    expect((await g.del("/v1.0/identity/identityProviders/Nope-OAUTH")).status).toBe(404);
    const denied = await nobody.get("/v1.0/identity/identityProviders");
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe("Authorization_RequestDenied");
    expect((await reader.post("/v1.0/identity/identityProviders", google)).status).toBe(403);
  });

  it("deletes a configured provider but not a built-in one", async () => {
    const created = await g.post("/v1.0/identity/identityProviders", {
      ...google,
      displayName: "Facebook",
      identityProviderType: "Facebook",
    });
    expect(created.body.id).toBe("Facebook-OAUTH");
    expect((await g.del("/v1.0/identity/identityProviders/Facebook-OAUTH")).status).toBe(204);
    expect((await g.get("/v1.0/identity/identityProviders/Facebook-OAUTH")).status).toBe(404);
    expect((await g.del("/v1.0/identity/identityProviders/EmailPassword-OAUTH")).status).toBe(400);
  });

  it("serves the same API on beta", async () => {
    const r = await g.get("/beta/identity/identityProviders/Google-OAUTH");
    expect(r.status).toBe(200);
    expect(r.body["@odata.context"]).toContain("/beta/$metadata#identity/identityProviders");
  });
});
