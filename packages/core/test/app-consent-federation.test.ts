import { describe, expect, it } from "vitest";
import { addFederatedCredentialOperation } from "../src/graph/applications/add-federated-credential.ts";
import { createApplicationOperation } from "../src/graph/applications/create-application.ts";
import { listFederatedCredentialsOperation } from "../src/graph/applications/list-federated-credentials.ts";
import { removeFederatedCredentialOperation } from "../src/graph/applications/remove-federated-credential.ts";
import { createServicePrincipalOperation } from "../src/graph/service-principals/create-service-principal.ts";
import { grantConsentOperation } from "../src/graph/service-principals/grant-consent.ts";
import { listConsentsOperation } from "../src/graph/service-principals/list-consents.ts";
import { revokeConsentOperation } from "../src/graph/service-principals/revoke-consent.ts";
import { NotFoundError, ValidationError } from "../src/http/errors.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";

const { client: admin } = useCoreEmulator({ clearFaults: true });

let n = 0;
async function appWithPrincipal() {
  const app = await admin.run(createApplicationOperation, { displayName: `consent test ${++n}` });
  const appId = app.appId as string;
  await admin.run(createServicePrincipalOperation, { appId });
  return { app, appId };
}

describe("delegated permission grants (admin consent)", () => {
  it("grants openid and offline_access by default, merges scopes into the one grant, lists and revokes", async () => {
    const { appId } = await appWithPrincipal();
    const first = await admin.run(grantConsentOperation, { appId });
    expect(first).toMatchObject({
      scopes: ["openid", "offline_access"],
      added: ["openid", "offline_access"],
    });
    const merged = await admin.run(grantConsentOperation, { appId, scopes: ["OPENID", "user.read"] });
    expect(merged).toEqual({
      grantId: first.grantId,
      scopes: ["openid", "offline_access", "User.Read"],
      added: ["User.Read"],
    });
    expect((await admin.run(grantConsentOperation, { appId, scopes: ["User.Read"] })).added).toEqual([]);

    const listed = await admin.run(listConsentsOperation, { appId });
    expect(listed.grants).toEqual([
      {
        grantId: first.grantId,
        resource: "Microsoft Graph",
        scopes: ["openid", "offline_access", "User.Read"],
        consentType: "AllPrincipals",
        principalId: null,
      },
    ]);

    expect(await admin.run(revokeConsentOperation, { appId, scopes: ["User.Read"] })).toEqual({
      revoked: ["User.Read"],
      remaining: ["openid", "offline_access"],
    });
    expect(await admin.run(revokeConsentOperation, { appId })).toEqual({
      revoked: ["openid", "offline_access"],
      remaining: [],
    });
    expect((await admin.run(listConsentsOperation, { appId })).grants).toEqual([]);
    expect(await admin.run(revokeConsentOperation, { appId })).toEqual({ revoked: [], remaining: [] });
  });

  it("refuses a scope the resource does not offer before any change, and an app without a service principal", async () => {
    const { appId } = await appWithPrincipal();
    const bad = admin.run(grantConsentOperation, { appId, scopes: ["openid", "Mail.Sendd"] });
    await expect(bad).rejects.toBeInstanceOf(InvalidInputError);
    await expect(bad).rejects.toThrow(/offers no delegated permission named "Mail.Sendd"/);
    expect((await admin.run(listConsentsOperation, { appId })).grants).toEqual([]);

    const bare = await admin.run(createApplicationOperation, { displayName: "no principal" });
    await expect(admin.run(grantConsentOperation, { appId: bare.appId as string })).rejects.toThrow(
      /ciam service-principal create/,
    );
    await expect(admin.run(grantConsentOperation, { appId, scopes: [] })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });
});

describe("federated identity credentials", () => {
  const github = {
    issuer: "https://token.actions.githubusercontent.com",
    subject: "repo:contoso/shop:ref:refs/heads/main",
  };

  it("adds one with the token exchange audience by default, lists it and removes it by name", async () => {
    const { app } = await appWithPrincipal();
    const added = await admin.run(addFederatedCredentialOperation, {
      name: app.displayName as string,
      credentialName: "github-main",
      ...github,
    });
    expect(added).toMatchObject({
      name: "github-main",
      ...github,
      audiences: ["api://AzureADTokenExchange"],
    });
    const listed = await admin.run(listFederatedCredentialsOperation, { appId: app.appId as string });
    expect(listed.credentials).toEqual([added]);
    expect(
      await admin.run(removeFederatedCredentialOperation, { id: app.id, credential: "github-main" }),
    ).toEqual({ credential: "github-main", removed: true });
    expect((await admin.run(listFederatedCredentialsOperation, { id: app.id })).credentials).toEqual([]);
    await expect(
      admin.run(removeFederatedCredentialOperation, { id: app.id, credential: added.id }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses a bad name before any request, and Graph refuses a repeated issuer and subject or a 21st", async () => {
    const { app } = await appWithPrincipal();
    await expect(
      admin.run(addFederatedCredentialOperation, { id: app.id, credentialName: "a b", ...github }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await admin.run(addFederatedCredentialOperation, { id: app.id, credentialName: "main", ...github });
    await expect(
      admin.run(addFederatedCredentialOperation, { id: app.id, credentialName: "again", ...github }),
    ).rejects.toThrow(/same value for property subject/);
    for (let i = 1; i < 20; i++)
      await admin.run(addFederatedCredentialOperation, {
        id: app.id,
        credentialName: `branch-${i}`,
        ...github,
        subject: `repo:contoso/shop:ref:refs/heads/b${i}`,
      });
    await expect(
      admin.run(addFederatedCredentialOperation, {
        id: app.id,
        credentialName: "one-more",
        ...github,
        subject: "x",
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect((await admin.run(listFederatedCredentialsOperation, { id: app.id })).credentials).toHaveLength(20);
  });
});
