import type { JsonObject } from "../../store/json.ts";
import { isGuid } from "../entities/shape.ts";
import { enabledEntitlement, invalidValue } from "../graph-errors.ts";

type Entitlement = JsonObject & { id?: unknown; value?: unknown; isEnabled?: unknown };

const scopesOf = (app: JsonObject): Entitlement[] =>
  ((app.api as JsonObject | null | undefined)?.oauth2PermissionScopes ?? []) as Entitlement[];
const rolesOf = (app: JsonObject): Entitlement[] => (app.appRoles ?? []) as Entitlement[];

/** Each entitlement has a GUID id and ids and values are unique in the list. */
function checkList(items: readonly Entitlement[], property: string): void {
  const ids = new Set<string>();
  const values = new Set<string>();
  for (const item of items) {
    if (typeof item.id !== "string" || !isGuid(item.id)) throw invalidValue(property, "Application");
    const id = item.id.toLowerCase();
    const value = typeof item.value === "string" ? item.value.toLowerCase() : "";
    if (ids.has(id) || (value !== "" && values.has(value))) throw invalidValue(property, "Application");
    ids.add(id);
    if (value !== "") values.add(value);
  }
}

/**
 * An enabled scope or app role can be neither removed nor given another value: Graph answers 400
 * `CannotDeleteOrUpdateEnabledEntitlement` until a PATCH sets its `isEnabled` to false
 * (https://learn.microsoft.com/graph/api/resources/permissionscope, "isEnabled").
 */
function checkChanges(before: readonly Entitlement[], after: readonly Entitlement[]): void {
  const byId = new Map(after.map((e) => [String(e.id).toLowerCase(), e]));
  for (const old of before) {
    if (old.isEnabled !== true) continue;
    const now = byId.get(String(old.id).toLowerCase());
    if (now === undefined || now.value !== old.value) throw enabledEntitlement();
  }
}

/** Graph's rules on an application's exposed scopes and app roles, checked on a PATCH. */
export function checkEntitlements(before: JsonObject, after: JsonObject): void {
  checkList(scopesOf(after), "api.oauth2PermissionScopes");
  checkList(rolesOf(after), "appRoles");
  checkChanges(scopesOf(before), scopesOf(after));
  checkChanges(rolesOf(before), rolesOf(after));
}
