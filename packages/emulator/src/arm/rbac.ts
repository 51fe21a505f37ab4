import type { TenantState } from "../store/store.ts";
import { ARM_COLLECTIONS } from "./arm-store.ts";

/**
 * Azure's built-in roles the emulator knows, as action patterns
 * (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles): Owner and
 * Contributor may do everything on resources, Reader only read.
 */
const ROLE_ACTIONS: Readonly<Record<string, readonly RegExp[]>> = {
  owner: [/.*/],
  contributor: [/.*/],
  reader: [/\/read$/i],
};

/**
 * Whether a principal holds a role assignment allowing `action` at `scope`: an assignment applies
 * to its scope and everything below it (a subscription role covers its resource groups).
 */
export function isAuthorized(
  owner: TenantState,
  principalId: string,
  action: string,
  scope: string,
): boolean {
  const target = scope.toLowerCase();
  for (const a of owner.collection(ARM_COLLECTIONS.roleAssignments).values()) {
    if (String(a.principalId).toLowerCase() !== principalId.toLowerCase()) continue;
    const at = String(a.scope).toLowerCase().replace(/\/+$/, "");
    if (target !== at && !target.startsWith(`${at}/`)) continue;
    const patterns = ROLE_ACTIONS[String(a.roleDefinitionName).toLowerCase()] ?? [];
    if (patterns.some((p) => p.test(action))) return true;
  }
  return false;
}

/** ARM's `AuthorizationFailed` message, word for word. */
export function authorizationFailedMessage(
  client: string,
  objectId: string,
  action: string,
  scope: string,
): string {
  return `The client '${client}' with object id '${objectId}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`;
}
