import type { JsonObject } from "../../store/json.ts";
import type { Collection } from "../../store/store.ts";

/**
 * Lookup of users by userPrincipalName and by (issuer, issuerAssignedId), so that uniqueness checks
 * and UPN addressing stay O(1) with 100k users. Kept per collection object; rebuilt when the
 * collection changed size behind its back (journal replay, restore), updated in place by the routes.
 */
export interface UserIndex {
  byUpn(upn: string): string | undefined;
  byIdentity(issuer: string, issuerAssignedId: string): string | undefined;
  add(user: JsonObject): void;
  remove(user: JsonObject): void;
}

const indexes = new WeakMap<
  Collection,
  { size: number; upn: Map<string, string>; identity: Map<string, string> }
>();

// Sign-in names compare case-insensitively; for local accounts Graph ignores the issuer's case too.
const identityKey = (issuer: string, id: string): string => `${issuer.toLowerCase()}\n${id.toLowerCase()}`;

/** The index of a tenant's `users` collection. */
export function userIndex(users: Collection): UserIndex {
  let state = indexes.get(users);
  if (state === undefined || state.size !== users.size) {
    state = { size: 0, upn: new Map(), identity: new Map() };
    indexes.set(users, state);
    for (const u of users.values()) addTo(state, u);
    state.size = users.size;
  }
  const s = state;
  return {
    byUpn: (upn) => s.upn.get(upn.toLowerCase()),
    byIdentity: (issuer, id) => s.identity.get(identityKey(issuer, id)),
    add: (user) => {
      addTo(s, user);
      s.size = users.size;
    },
    remove: (user) => {
      s.upn.delete(String(user.userPrincipalName).toLowerCase());
      for (const i of (user.identities ?? []) as JsonObject[]) {
        const key = identityKey(String(i.issuer), String(i.issuerAssignedId));
        if (s.identity.get(key) === user.id) s.identity.delete(key);
      }
      s.size = users.size;
    },
  };
}

function addTo(s: { upn: Map<string, string>; identity: Map<string, string> }, user: JsonObject): void {
  const id = String(user.id);
  s.upn.set(String(user.userPrincipalName).toLowerCase(), id);
  for (const i of (user.identities ?? []) as JsonObject[]) {
    if (i.signInType === "userPrincipalName") continue;
    s.identity.set(identityKey(String(i.issuer), String(i.issuerAssignedId)), id);
  }
}
