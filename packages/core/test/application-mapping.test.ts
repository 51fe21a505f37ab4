import { describe, expect, it } from "vitest";
import {
  applicationMapping,
  certificateCredential,
  passwordCredentialBody,
} from "../src/graph/applications/application-mapping.ts";

/** An app registration as Graph returns it: credentials carry a null secret text and null key bytes. */
const graphApp = {
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#applications/$entity",
  id: "9a1b2c3d-0000-4000-8000-00000000a001",
  appId: "5e6f7a8b-0000-4000-8000-00000000b002",
  displayName: "Shop",
  signInAudience: "AzureADMyOrg",
  createdDateTime: "2026-01-02T03:04:05Z",
  identifierUris: [],
  web: { redirectUris: ["https://shop.example/cb"], implicitGrantSettings: { enableIdTokenIssuance: false } },
  spa: { redirectUris: [] },
  passwordCredentials: [
    {
      keyId: "k1",
      displayName: "ci",
      hint: "abc",
      secretText: "never-here",
      customKeyIdentifier: null,
      startDateTime: "2026-01-02T03:04:05Z",
      endDateTime: "2028-01-02T03:04:05Z",
    },
  ],
  keyCredentials: [
    { keyId: "k2", type: "AsymmetricX509Cert", usage: "Verify", key: "MIIB…", displayName: "CN=shop" },
  ],
  requiredResourceAccess: [],
  isFallbackPublicClient: null,
  publisherDomain: "contoso.onmicrosoft.com",
};

describe("the application mapping", () => {
  it("reads an app with its credentials' metadata only, never a secret's text or a key's bytes", () => {
    const app = applicationMapping.fromGraph(graphApp);
    expect(app).toEqual({
      id: graphApp.id,
      appId: graphApp.appId,
      displayName: "Shop",
      signInAudience: "AzureADMyOrg",
      createdDateTime: "2026-01-02T03:04:05Z",
      identifierUris: [],
      web: { redirectUris: ["https://shop.example/cb"] },
      spa: { redirectUris: [] },
      passwordCredentials: [
        {
          keyId: "k1",
          displayName: "ci",
          hint: "abc",
          startDateTime: "2026-01-02T03:04:05Z",
          endDateTime: "2028-01-02T03:04:05Z",
        },
      ],
      keyCredentials: [{ keyId: "k2", type: "AsymmetricX509Cert", usage: "Verify", displayName: "CN=shop" }],
      requiredResourceAccess: [],
      isFallbackPublicClient: null,
    });
    expect(JSON.stringify(app)).not.toMatch(/never-here|MIIB/);
  });

  it("writes the app it read back as the create body of a web app", () => {
    const app = applicationMapping.fromGraph(graphApp);
    const body = applicationMapping.toGraphCreate({
      displayName: app.displayName ?? "",
      signInAudience: app.signInAudience ?? "",
      webRedirectUris: app.web?.redirectUris ?? undefined,
    });
    expect(body).toEqual({
      displayName: "Shop",
      signInAudience: "AzureADMyOrg",
      web: { redirectUris: ["https://shop.example/cb"] },
    });
    expect(applicationMapping.fromGraph({ ...body, id: app.id })).toMatchObject({ web: app.web });
  });

  it("builds the bodies of a new secret and a new certificate with only what is given", () => {
    expect(passwordCredentialBody({ displayName: "ci" })).toEqual({
      passwordCredential: { displayName: "ci" },
    });
    expect(passwordCredentialBody({})).toEqual({ passwordCredential: {} });
    expect(certificateCredential({ key: "MIIC" })).toEqual({
      type: "AsymmetricX509Cert",
      usage: "Verify",
      key: "MIIC",
    });
  });

  it("keys an app by its display name", () => {
    const here = applicationMapping.fromGraph(graphApp);
    const there = applicationMapping.fromGraph({
      ...graphApp,
      id: "other",
      appId: "other",
      displayName: "SHOP",
    });
    expect(applicationMapping.naturalKey(here)).toBe(applicationMapping.naturalKey(there));
  });
});
