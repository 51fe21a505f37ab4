import { ConfidentialClientApplication } from "@azure/msal-node";
import { GRAPH_APP_ID, GRAPH_APP_ROLES } from "../../src/graph/entities/graph-service-principal.ts";
import type { TestEmulator } from "./emulator.ts";
import { msalNetworkClient } from "./https.ts";

/** One Graph call of the demo management app: `path` below the version (`/applications`), JSON reply. */
export type AdminCall = (
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: Graph JSON read structurally
) => Promise<{ status: number; body: any }>;

/**
 * Registers an app in the demo tenant through Graph, as an admin would: the application, its service
 * principal, exactly `permissions` as Graph application permissions (admin consent), and a secret.
 */
export async function registerApp(
  admin: AdminCall,
  permissions: readonly string[],
  displayName: string,
): Promise<{ id: string; appId: string; spId: string; secret: string }> {
  const app = (await admin("POST", "/applications", { displayName })).body;
  const sp = (await admin("POST", "/servicePrincipals", { appId: app.appId })).body;
  const graph = (await admin("GET", `/servicePrincipals(appId='${GRAPH_APP_ID}')?$select=id`)).body;
  for (const p of permissions) {
    const r = await admin("POST", `/servicePrincipals/${graph.id}/appRoleAssignedTo`, {
      principalId: sp.id,
      resourceId: graph.id,
      appRoleId: GRAPH_APP_ROLES[p],
    });
    if (r.status !== 201) throw new Error(`grant ${p}: ${r.status}`);
  }
  const secret = (await admin("POST", `/applications/${app.id}/addPassword`, {})).body.secretText as string;
  return { id: app.id, appId: app.appId, spId: sp.id, secret };
}

/** An app-only Graph token for an app of the demo tenant, through MSAL (client credentials, not cached). */
export async function msalAppToken(
  t: Pick<TestEmulator, "tenant"> & { emu: Pick<TestEmulator["emu"], "caCertPem"> },
  clientId: string,
  clientSecret: string,
): Promise<string> {
  const cca = new ConfidentialClientApplication({
    auth: {
      clientId,
      clientSecret,
      authority: t.tenant.authority,
      knownAuthorities: t.tenant.knownAuthorities,
    },
    system: { networkClient: msalNetworkClient(t.emu.caCertPem) },
  });
  const result = await cca.acquireTokenByClientCredential({
    scopes: ["https://graph.microsoft.com/.default"],
  });
  if (result === null) throw new Error("MSAL returned no token");
  return result.accessToken;
}
