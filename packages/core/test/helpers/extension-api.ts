import { GRAPH_APP_ROLES } from "@ciamkit/emulator";
import type { CiamClient } from "../../src/client.ts";

/**
 * The API behind a custom authentication extension: an app registration with a service principal
 * granted `CustomAuthenticationExtensions.Receive.Payload` on Microsoft Graph. Returns its appId.
 */
export async function protectingApi(client: CiamClient, displayName = "Claims API"): Promise<string> {
  const api = await client.graph.post<{ appId: string }>("/applications", { displayName });
  const sp = await client.graph.post<{ id: string }>("/servicePrincipals", { appId: api.appId });
  const graph = await client.graph.get<{ id: string }>(
    "/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')",
  );
  await client.graph.post(`/servicePrincipals/${graph.id}/appRoleAssignedTo`, {
    principalId: sp.id,
    resourceId: graph.id,
    appRoleId: GRAPH_APP_ROLES["CustomAuthenticationExtensions.Receive.Payload"],
  });
  return api.appId;
}
