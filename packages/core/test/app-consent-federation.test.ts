import { describe, expect, it } from "vitest";
import { createApplicationOperation } from "../src/graph/applications/create-application.ts";
import { getApplicationOperation } from "../src/graph/applications/get-application.ts";
import { updateApplicationOperation } from "../src/graph/applications/update-application.ts";
import { createServicePrincipalOperation } from "../src/graph/service-principals/create-service-principal.ts";
import { grantConsentOperation } from "../src/graph/service-principals/grant-consent.ts";
import { listConsentsOperation } from "../src/graph/service-principals/list-consents.ts";
import { revokeConsentOperation } from "../src/graph/service-principals/revoke-consent.ts";
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

describe("federated identity credentials (app_update, app_get)", () => {
  const github = {
    issuer: "https://token.actions.githubusercontent.com",
    subject: "repo:contoso/shop:ref:refs/heads/main",
  };

  it("adds one with the token exchange audience by default, changes it by name, lists it in app_get and removes it", async () => {
    const { app } = await appWithPrincipal();
    const added = await admin.run(updateApplicationOperation, {
      name: app.displayName as string,
      federatedCredentials: [{ name: "github-main", ...github }],
    });
    expect(added.federatedIdentityCredentials).toEqual([
      { name: "github-main", ...github, audiences: ["api://AzureADTokenExchange"] },
    ]);
    await admin.run(updateApplicationOperation, {
      appId: app.appId as string,
      federatedCredentials: [
        { name: "github-main", ...github, subject: "repo:contoso/shop:environment:prod" },
      ],
    });
    const listed = await admin.run(getApplicationOperation, { id: app.id });
    expect(listed.federatedIdentityCredentials?.map((c) => c.subject)).toEqual([
      "repo:contoso/shop:environment:prod",
    ]);
    const removed = await admin.run(updateApplicationOperation, {
      id: app.id,
      removeFederatedCredentials: ["github-main"],
    });
    expect(removed.federatedIdentityCredentials).toEqual([]);
  });

  it("refuses a bad name, a repeated issuer and subject, or a 21st credential before any change", async () => {
    const { app } = await appWithPrincipal();
    const run = (federatedCredentials: { name: string; issuer: string; subject: string }[]) =>
      admin.run(updateApplicationOperation, { id: app.id, displayName: "renamed", federatedCredentials });
    await expect(run([{ name: "a b", ...github }])).rejects.toBeInstanceOf(InvalidInputError);
    await admin.run(updateApplicationOperation, {
      id: app.id,
      federatedCredentials: [{ name: "main", ...github }],
    });
    await expect(run([{ name: "again", ...github }])).rejects.toThrow(/same issuer and subject/);
    const many = Array.from({ length: 20 }, (_, i) => ({ name: `branch-${i}`, ...github, subject: `s${i}` }));
    await expect(run(many)).rejects.toThrow(/at most 20 .* leaves 21/);
    const after = await admin.run(getApplicationOperation, { id: app.id });
    expect(after.displayName).toBe(app.displayName);
    expect(after.federatedIdentityCredentials?.map((c) => c.name)).toEqual(["main"]);
  });
});
