import type { JsonObject } from "../../store/json.ts";
import { isoDate } from "./shape.ts";

/**
 * A new `appRoleAssignment` granting `appRoleId` of the resource service principal to a principal
 * (a client service principal, a user or a group). Graph's assignment ids are opaque base64url
 * strings, not GUIDs; the emulator derives one from a random GUID in the same form.
 */
export function newAppRoleAssignment(
  principal: { id: string; displayName: string | null; type: "ServicePrincipal" | "User" | "Group" },
  resource: { id: string; displayName: string | null },
  appRoleId: string,
  now: Date,
  guid: string,
): JsonObject {
  return {
    id: Buffer.from(guid.replace(/-/g, ""), "hex").toString("base64url"),
    deletedDateTime: null,
    appRoleId: appRoleId.toLowerCase(),
    createdDateTime: isoDate(now),
    principalDisplayName: principal.displayName,
    principalId: principal.id,
    principalType: principal.type,
    resourceDisplayName: resource.displayName,
    resourceId: resource.id,
  };
}

/** A delegated consent grant (`oAuth2PermissionGrant`); `scope` is space-separated scope values. */
export function newOAuth2PermissionGrant(
  input: { clientId: string; resourceId: string; scope: string; principalId?: string | null },
  guid: string,
): JsonObject {
  const principalId = input.principalId ?? null;
  return {
    id: Buffer.from(guid.replace(/-/g, ""), "hex").toString("base64url"),
    clientId: input.clientId,
    consentType: principalId === null ? "AllPrincipals" : "Principal",
    principalId,
    resourceId: input.resourceId,
    scope: input.scope,
  };
}
