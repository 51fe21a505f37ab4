import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ciam, json, requireBuilt, startTenant, type TestTenant } from "./harness.ts";

let t: TestTenant;
beforeAll(async () => {
  requireBuilt();
  t = await startTenant();
});
afterAll(async () => t?.close());

interface App {
  id: string;
  appId: string;
  web?: { redirectUris?: string[] };
  api?: { oauth2PermissionScopes?: { value: string; isEnabled: boolean }[] };
  federatedIdentityCredentials?: { name: string; audiences: string[] }[];
}

describe("ciam app update, consent and federated credentials", () => {
  it("updates an app in place by name, exposes a scope, trusts a CI issuer, consents and revokes", async () => {
    const app = json<App>(
      await ciam(
        [
          "app",
          "create",
          "--display-name",
          "Shop CLI",
          "--web-redirect-uris",
          "https://shop.example/a",
          "-o",
          "json",
        ],
        t.env,
      ),
    );
    const updated = await ciam(
      [
        "app",
        "update",
        "--name",
        "Shop CLI",
        "--add-redirect-uris",
        '{"web":["https://shop.example/b"]}',
        "--scopes",
        '[{"value":"Orders.Read"}]',
        "--federated-credentials",
        '[{"name":"github-main","issuer":"https://token.actions.githubusercontent.com","subject":"repo:contoso/shop:ref:refs/heads/main"}]',
        "-o",
        "json",
      ],
      t.env,
    );
    expect(updated.stderr).toBe("");
    const after = json<App>(updated);
    expect(after.appId).toBe(app.appId);
    expect(after.web?.redirectUris).toEqual(["https://shop.example/a", "https://shop.example/b"]);
    expect(after.api?.oauth2PermissionScopes?.[0]).toMatchObject({ value: "Orders.Read", isEnabled: true });
    expect(after.federatedIdentityCredentials?.[0]?.audiences).toEqual(["api://AzureADTokenExchange"]);

    // Graph removes only a disabled scope: refused as bad input (exit 2) with the way out.
    const refused = await ciam(["app", "update", "--id", app.id, "--remove-scopes", "Orders.Read"], t.env);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/disable it first/);

    expect((await ciam(["service-principal", "create", "--app-id", app.appId], t.env)).status).toBe(0);
    const consent = await ciam(["app", "consent", "--app-id", app.appId, "-o", "json"], t.env);
    expect(json<{ scopes: string[] }>(consent).scopes).toEqual(["openid", "offline_access"]);
    const listed = await ciam(["app", "consent-list", "--app-id", app.appId, "-o", "json"], t.env);
    expect(listed.stdout).toContain("Microsoft Graph");
    const revoke = await ciam(["app", "consent-revoke", "--app-id", app.appId, "--yes", "-o", "json"], t.env);
    expect(json<{ revoked: string[] }>(revoke).revoked).toEqual(["openid", "offline_access"]);
  });
});
