import { GRAPH_APP_ROLES } from "@ciamkit/emulator";
import { describe, expect, it } from "vitest";
import { callTool } from "./helpers/call-tool.ts";
import { records, snapshotOverHttp } from "./helpers/control-api.ts";
import { textOf, useBackend, useClient } from "./helpers/harness.ts";

const backend = useBackend();
const client = useClient(backend);

/** Calls a tool as a model would; fails the test on an isError result. */
const call = (name: string, args: Record<string, unknown>) => callTool(client, name, args);

describe("a realistic task through tools only", () => {
  it("onboards a shop app: registration, secret, service principal, permission, a customer in a VIP group", async () => {
    // "Register our web shop, give its backend a secret and read access to users, create the customer
    // dana@example.com and put her in a new VIP group."
    const app = await call("app_create", {
      displayName: "Contoso Shop",
      spaRedirectUris: ["https://shop.contoso.example/auth"],
    });
    const appId = app.appId as string;
    const secret = await client.callTool({
      name: "app_password_add",
      arguments: { appId, displayName: "shop backend" },
    });
    const secretText = (secret.structuredContent as { secretText: string }).secretText;
    expect(textOf(secret)).toContain("secretText is a secret shown only this once");
    const sp = await call("service_principal_create", { appId });
    await call("app_grant", { appId, permission: "User.Read.All" });
    const dana = await call("user_create", {
      displayName: "Dana Shopper",
      signInName: "dana@example.com",
      password: "Sh0pper!pass",
    });
    const group = await call("group_create", { displayName: "Shop VIPs" });
    const added = await call("group_member_add", { id: group.id, memberIds: [dana.id] });
    expect(added).toEqual({ results: [{ memberId: dana.id, status: "added" }] });

    // Verify the end state through the emulator's control API, not through the tools.
    const state = await snapshotOverHttp(backend.emulator);
    const tenant = backend.tenantId;
    const storedApp = records(state, tenant, "applications").find((a) => a.appId === appId);
    expect(storedApp).toMatchObject({
      displayName: "Contoso Shop",
      spa: { redirectUris: ["https://shop.contoso.example/auth"] },
    });
    const credentials = storedApp?.passwordCredentials as { displayName: string; hint: string }[];
    expect(credentials).toEqual([
      expect.objectContaining({ displayName: "shop backend", hint: secretText.slice(0, 3) }),
    ]);
    expect(records(state, tenant, "servicePrincipals")).toContainEqual(
      expect.objectContaining({ id: sp.id, appId }),
    );
    expect(records(state, tenant, "appRoleAssignments")).toContainEqual(
      expect.objectContaining({ principalId: sp.id, appRoleId: GRAPH_APP_ROLES["User.Read.All"] }),
    );
    expect(records(state, tenant, "users")).toContainEqual(
      expect.objectContaining({
        id: dana.id,
        displayName: "Dana Shopper",
        identities: expect.arrayContaining([
          expect.objectContaining({ signInType: "emailAddress", issuerAssignedId: "dana@example.com" }),
        ]),
      }),
    );
    expect(records(state, tenant, "groups")).toContainEqual(
      expect.objectContaining({ id: group.id, displayName: "Shop VIPs" }),
    );
    expect(records(state, tenant, "_groupMembers")).toContainEqual(
      expect.objectContaining({ groupId: group.id, memberId: dana.id }),
    );
    // The secret never reached the emulator's stored state in clear.
    expect(JSON.stringify(state)).not.toContain(secretText);
  });
});
