import { describe, expect, it } from "vitest";
import { callTool } from "./helpers/call-tool.ts";
import { records, snapshotOverHttp } from "./helpers/control-api.ts";
import { textOf, useBackend, useClient } from "./helpers/harness.ts";

const backend = useBackend();
const client = useClient(backend);

const call = (name: string, args: Record<string, unknown>) => callTool(client, name, args);

describe("app_update and app_consent through tools", () => {
  it("changes an app in place, trusts a CI issuer and consents to openid and offline_access", async () => {
    const app = await call("app_create", { displayName: "Tool Shop" });
    const appId = app.appId as string;
    const updated = await call("app_update", {
      name: "Tool Shop",
      addRedirectUris: { spa: ["https://tools.example/auth"] },
      federatedCredentials: [
        {
          name: "github-main",
          issuer: "https://token.actions.githubusercontent.com",
          subject: "repo:contoso/tools:ref:refs/heads/main",
        },
      ],
    });
    expect(updated.appId).toBe(appId);
    await call("service_principal_create", { appId });
    expect(await call("app_consent", { appId })).toMatchObject({ scopes: ["openid", "offline_access"] });

    const state = await snapshotOverHttp(backend.emulator);
    const stored = records(state, backend.tenantId, "applications").find((a) => a.appId === appId);
    expect(stored?.spa).toMatchObject({ redirectUris: ["https://tools.example/auth"] });
    const grants = records(state, backend.tenantId, "oauth2PermissionGrants");
    expect(grants.map((g) => g.scope)).toContain("openid offline_access");
  });

  it("answers removing an enabled scope with an input error that names the two steps", async () => {
    const app = await call("app_create", { displayName: "Tool API" });
    await call("app_update", { id: app.id, scopes: [{ value: "Orders.Read" }] });
    const refused = await client.callTool({
      name: "app_update",
      arguments: { id: app.id, removeScopes: ["Orders.Read"] },
    });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/disable it first/);
  });
});
