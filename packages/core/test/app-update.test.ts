import { describe, expect, it } from "vitest";
import { createApplicationOperation } from "../src/graph/applications/create-application.ts";
import { getApplicationOperation } from "../src/graph/applications/get-application.ts";
import { updateApplicationOperation } from "../src/graph/applications/update-application.ts";
import { ConflictError, NotFoundError } from "../src/http/errors.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";

const { client: admin } = useCoreEmulator({ clearFaults: true });

const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
let n = 0;
const newApp = (web?: string[]) =>
  admin.run(createApplicationOperation, {
    displayName: `update test ${++n}`,
    ...(web === undefined ? {} : { webRedirectUris: web }),
  });

describe("app_update", () => {
  it("changes the name, platforms, flags and identifier URIs in place, addressed by display name", async () => {
    const app = await newApp(["https://shop.example/a", "https://shop.example/b"]);
    const updated = await admin.run(updateApplicationOperation, {
      name: app.displayName as string,
      displayName: "shop renamed",
      addRedirectUris: {
        web: ["https://shop.example/c"],
        spa: ["https://shop.example/spa"],
        publicClient: ["msal4f2c://auth"],
      },
      removeRedirectUris: { web: ["https://shop.example/a"] },
      isFallbackPublicClient: true,
      nativeAuthenticationApisEnabled: "all",
      identifierUris: [`api://${app.appId}`],
    });
    expect(updated).toMatchObject({
      id: app.id,
      appId: app.appId,
      displayName: "shop renamed",
      web: { redirectUris: ["https://shop.example/b", "https://shop.example/c"] },
      spa: { redirectUris: ["https://shop.example/spa"] },
      publicClient: { redirectUris: ["msal4f2c://auth"] },
      isFallbackPublicClient: true,
      nativeAuthenticationApisEnabled: "all",
      identifierUris: [`api://${app.appId}`],
    });
    // Adding what is there and removing what is not changes nothing.
    const again = await admin.run(updateApplicationOperation, {
      appId: app.appId as string,
      addRedirectUris: { web: ["https://shop.example/c"] },
      removeRedirectUris: { spa: ["https://other.example/x"] },
    });
    expect(again.web?.redirectUris).toEqual(["https://shop.example/b", "https://shop.example/c"]);
    expect(again.spa?.redirectUris).toEqual(["https://shop.example/spa"]);
  });

  it("adds, updates and disables exposed scopes and app roles by value, and removes only disabled ones", async () => {
    const app = await newApp();
    const exposed = await admin.run(updateApplicationOperation, {
      id: app.id,
      identifierUris: [`api://${app.appId}`],
      scopes: [{ value: "Orders.Read", displayName: "Read orders", userConsent: true }],
      appRoles: [{ value: "Orders.Admin", members: ["User", "Application"] }],
    });
    const scope = exposed.api?.oauth2PermissionScopes?.[0];
    expect(scope).toMatchObject({ value: "Orders.Read", isEnabled: true, type: "User" });
    expect(exposed.appRoles?.[0]).toMatchObject({
      value: "Orders.Admin",
      isEnabled: true,
      allowedMemberTypes: ["User", "Application"],
    });

    const refused = admin.run(updateApplicationOperation, { id: app.id, removeScopes: ["Orders.Read"] });
    await expect(refused).rejects.toBeInstanceOf(InvalidInputError);
    await expect(refused).rejects.toThrow(/disable it first.*enabled: false/);
    await expect(
      admin.run(updateApplicationOperation, { id: app.id, removeAppRoles: ["orders.admin"] }),
    ).rejects.toThrow(/CannotDeleteOrUpdateEnabledEntitlement/);

    const disabled = await admin.run(updateApplicationOperation, {
      id: app.id,
      scopes: [{ value: "orders.read", enabled: false, description: "Reads orders" }],
      appRoles: [{ value: "Orders.Admin", enabled: false }],
    });
    expect(disabled.api?.oauth2PermissionScopes).toEqual([
      expect.objectContaining({ id: scope?.id, isEnabled: false, type: "User" }),
    ]);
    const removed = await admin.run(updateApplicationOperation, {
      id: app.id,
      removeScopes: ["Orders.Read"],
      removeAppRoles: ["Orders.Admin"],
    });
    expect(removed.api?.oauth2PermissionScopes).toEqual([]);
    expect(removed.appRoles).toEqual([]);
  });

  it("sets optional claims by token type and required permissions by name", async () => {
    const app = await newApp();
    await admin.run(updateApplicationOperation, {
      id: app.id,
      optionalClaims: { idToken: ["email"], accessToken: ["groups"] },
      requiredPermissions: {
        "Microsoft Graph": { scopes: ["openid", "offline_access"], roles: ["User.Read.All"] },
      },
    });
    const updated = await admin.run(updateApplicationOperation, {
      id: app.id,
      optionalClaims: { idToken: ["family_name"] },
    });
    expect(updated.optionalClaims).toEqual({
      idToken: ["family_name"],
      accessToken: ["groups"],
      saml2Token: [],
    });
    const graph = updated.requiredResourceAccess?.find((r) => r.resourceAppId === GRAPH_APP_ID);
    expect(graph?.resourceAccess.map((a) => a.type).sort()).toEqual(["Role", "Scope", "Scope"]);
    expect(graph?.resourceAccess).toContainEqual({
      id: "df021288-bdef-4463-88db-98f22de89214",
      type: "Role",
    });

    const cleared = await admin.run(updateApplicationOperation, {
      id: app.id,
      requiredPermissions: { [GRAPH_APP_ID]: {} },
    });
    expect(cleared.requiredResourceAccess).toEqual([]);
  });

  it.each([
    ["no change", {}, /at least one property/],
    ["a scope with a space", { scopes: [{ value: "Orders Read" }] }, /no spaces/],
    [
      "an unknown permission",
      { requiredPermissions: { "Microsoft Graph": { scopes: ["User.Reed"] } } },
      /nearest: User.Read/,
    ],
    [
      "a role under scopes",
      { requiredPermissions: { "Microsoft Graph": { scopes: ["Application.ReadWrite.OwnedBy"] } } },
      /under roles/,
    ],
    [
      "a URI added and removed",
      { addRedirectUris: { web: ["https://x.example"] }, removeRedirectUris: { web: ["https://x.example"] } },
      /both added and removed/,
    ],
    ["a scope named twice", { scopes: [{ value: "a.b" }, { value: "A.B" }] }, /twice/],
  ])("refuses %s and changes nothing", async (_, change, message) => {
    const app = await newApp(["https://shop.example/a"]);
    const before = await admin.run(getApplicationOperation, { id: app.id });
    const run = admin.run(updateApplicationOperation, { id: app.id, ...change } as never);
    await expect(run).rejects.toBeInstanceOf(InvalidInputError);
    await expect(run).rejects.toThrow(message);
    expect(await admin.run(getApplicationOperation, { id: app.id })).toEqual(before);
  });

  it("reports an unknown or ambiguous display name, and Graph's refusal of an identifier URI in use", async () => {
    await expect(
      admin.run(updateApplicationOperation, { name: "no such app", displayName: "x" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const a = await newApp();
    await admin.run(createApplicationOperation, { displayName: a.displayName as string });
    await expect(
      admin.run(updateApplicationOperation, { name: a.displayName as string, displayName: "x" }),
    ).rejects.toThrow(/2 app registrations are named/);
    await admin.run(updateApplicationOperation, { id: a.id, identifierUris: ["api://taken.example"] });
    const b = await newApp();
    await expect(
      admin.run(updateApplicationOperation, { id: b.id, identifierUris: ["api://taken.example"] }),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});
