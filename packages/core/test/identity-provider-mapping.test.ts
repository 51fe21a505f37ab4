import { describe, expect, it } from "vitest";
import { identityProviderMapping } from "../src/graph/identity-providers/identity-provider-mapping.ts";

const G = (name: string) => `#microsoft.graph.${name}`;

/** Providers as Graph returns them (api-surface 3.2): one entity set, a type each, secrets masked. */
const social = {
  "@odata.type": G("socialIdentityProvider"),
  id: "Google-OAUTH",
  displayName: "Google",
  identityProviderType: "Google",
  clientId: "google-client",
  clientSecret: "******",
};
const apple = {
  "@odata.type": G("appleManagedIdentityProvider"),
  id: "Apple-Managed-OIDC",
  displayName: "Sign in with Apple",
  developerId: "TEAM123456",
  serviceId: "com.contoso.signin",
  keyId: "KEY1234567",
  certificateData: "******",
};
/** An OIDC provider's readable settings. */
const oidcSettings = {
  displayName: "Contoso SSO",
  clientId: "contoso-client",
  issuer: "https://sso.contoso.com/",
  wellKnownEndpoint: "https://sso.contoso.com/.well-known/openid-configuration",
  scope: "openid profile email",
  responseType: "code",
};
const oidc = {
  "@odata.type": G("oidcIdentityProvider"),
  id: "0b6e2a0c-4b1f-4f1e-9a0d-3c7c2f6f0a11",
  ...oidcSettings,
  clientAuthentication: { "@odata.type": G("oidcClientSecretAuthentication"), clientSecret: "******" },
  inboundClaimMapping: { sub: "sub" },
};

describe("the identity provider mapping", () => {
  it("reads each subtype by its @odata.type, without its secret", () => {
    expect(identityProviderMapping.fromGraph(social)).toEqual({
      type: "socialIdentityProvider",
      id: "Google-OAUTH",
      displayName: "Google",
      identityProviderType: "Google",
      clientId: "google-client",
    });
    expect(identityProviderMapping.fromGraph(apple)).toEqual({
      type: "appleManagedIdentityProvider",
      id: "Apple-Managed-OIDC",
      displayName: "Sign in with Apple",
      developerId: "TEAM123456",
      serviceId: "com.contoso.signin",
      keyId: "KEY1234567",
    });
    expect(identityProviderMapping.fromGraph(oidc)).toEqual({
      type: "oidcIdentityProvider",
      id: oidc.id,
      ...oidcSettings,
    });
  });

  it("writes an OIDC provider it read back as its typed create body, the secret in clientAuthentication", () => {
    const read = identityProviderMapping.fromGraph(oidc);
    const body = identityProviderMapping.toGraphCreate({
      kind: "oidc",
      displayName: read.displayName ?? undefined,
      clientId: read.clientId ?? undefined,
      clientSecret: "s3cret",
      issuer: read.issuer ?? undefined,
      wellKnownEndpoint: read.wellKnownEndpoint ?? undefined,
      scope: read.scope ?? undefined,
      responseType: read.responseType ?? undefined,
    });
    const { id: _id, inboundClaimMapping: _claims, ...writable } = oidc;
    expect(body).toEqual({
      ...writable,
      clientAuthentication: { "@odata.type": G("oidcClientSecretAuthentication"), clientSecret: "s3cret" },
    });
    expect(identityProviderMapping.fromGraph({ ...body, id: oidc.id })).toEqual(read);
  });

  it("names social and Apple providers by default and keeps their secret flat", () => {
    expect(
      identityProviderMapping.toGraphCreate({
        kind: "social",
        identityProviderType: "Facebook",
        clientId: "fb",
        clientSecret: "s",
      }),
    ).toEqual({
      "@odata.type": G("socialIdentityProvider"),
      displayName: "Facebook",
      identityProviderType: "Facebook",
      clientId: "fb",
      clientSecret: "s",
    });
    expect(
      identityProviderMapping.toGraphCreate({
        kind: "apple",
        developerId: "T",
        serviceId: "S",
        keyId: "K",
        certificateData: "P8",
      }),
    ).toEqual({
      "@odata.type": G("appleManagedIdentityProvider"),
      displayName: "Sign in with Apple",
      developerId: "T",
      serviceId: "S",
      keyId: "K",
      certificateData: "P8",
    });
  });

  it("patches with the provider's own type, a secret where its type keeps it", () => {
    expect(
      identityProviderMapping.toGraphPatch({
        type: "oidcIdentityProvider",
        clientSecret: "new",
        displayName: undefined,
      }),
    ).toEqual({
      "@odata.type": G("oidcIdentityProvider"),
      clientAuthentication: { "@odata.type": G("oidcClientSecretAuthentication"), clientSecret: "new" },
    });
    expect(
      identityProviderMapping.toGraphPatch({
        type: "socialIdentityProvider",
        clientId: "c2",
        clientSecret: "new",
      }),
    ).toEqual({ "@odata.type": G("socialIdentityProvider"), clientId: "c2", clientSecret: "new" });
  });

  it("keys an OIDC provider by its name and the others by their id, the same in every tenant", () => {
    const key = identityProviderMapping.naturalKey;
    expect(key(identityProviderMapping.fromGraph(oidc))).toBe("contoso sso");
    expect(key(identityProviderMapping.fromGraph({ ...oidc, id: "another-tenant-guid" }))).toBe(
      "contoso sso",
    );
    expect(key(identityProviderMapping.fromGraph(social))).toBe("google-oauth");
  });
});
