import type { JsonObject } from "../../store/json.ts";
import type { Collection } from "../../store/store.ts";

/**
 * Lookup of users by userPrincipalName, by (issuer, issuerAssignedId) and by issuerAssignedId alone,
 * so that uniqueness checks, UPN addressing and sign-in-name filters stay O(1) with 100k users. Kept
 * per collection object; rebuilt when the collection changed size behind its back (journal replay,
 * restore), updated in place by the routes.
 */
export interface UserIndex {
  byUpn(upn: string): string | undefined;
  byIdentity(issuer: string, issuerAssignedId: string): string | undefined;
  /** Users with a sign-in name (any issuer, userPrincipalName identities excluded). */
  byAssignedId(issuerAssignedId: string): readonly string[];
  /** Call after putting the user in the collection. */
  add(user: JsonObject): void;
  /** Call before deleting or replacing the user in the collection. */
  remove(user: JsonObject): void;
}

interface State {
  size: number;
  upn: Map<string, string>;
  identity: Map<string, string>;
  assigned: Map<string, Set<string>>;
}

const indexes = new WeakMap<Collection, State>();

// Sign-in names compare case-insensitively; for local accounts Graph ignores the issuer's case too.
const identityKey = (issuer: string, id: string): string => `${issuer.toLowerCase()}\n${id.toLowerCase()}`;

/** The index of a tenant's `users` collection. */
export function userIndex(users: Collection): UserIndex {
  let state = indexes.get(users);
  if (state === undefined || state.size !== users.size) {
    state = { size: 0, upn: new Map(), identity: new Map(), assigned: new Map() };
    indexes.set(users, state);
    for (const u of users.values()) addTo(state, u);
    state.size = users.size;
  }
  const s = state;
  return {
    byUpn: (upn) => s.upn.get(upn.toLowerCase()),
    byIdentity: (issuer, id) => s.identity.get(identityKey(issuer, id)),
    byAssignedId: (id) => [...(s.assigned.get(id.toLowerCase()) ?? [])],
    add: (user) => {
      addTo(s, user);
      s.size = users.size;
    },
    remove: (user) => {
      const id = String(user.id);
      s.upn.delete(String(user.userPrincipalName).toLowerCase());
      for (const i of (user.identities ?? []) as JsonObject[]) {
        const key = identityKey(String(i.issuer), String(i.issuerAssignedId));
        if (s.identity.get(key) === id) s.identity.delete(key);
        s.assigned.get(String(i.issuerAssignedId).toLowerCase())?.delete(id);
      }
      // The user is still in the collection: the size the index matches is the one after its removal.
      s.size = users.has(id) ? users.size - 1 : users.size;
    },
  };
}

function addTo(s: State, user: JsonObject): void {
  const id = String(user.id);
  s.upn.set(String(user.userPrincipalName).toLowerCase(), id);
  for (const i of (user.identities ?? []) as JsonObject[]) {
    if (i.signInType === "userPrincipalName") continue;
    s.identity.set(identityKey(String(i.issuer), String(i.issuerAssignedId)), id);
    const assigned = String(i.issuerAssignedId).toLowerCase();
    let ids = s.assigned.get(assigned);
    if (ids === undefined) {
      ids = new Set();
      s.assigned.set(assigned, ids);
    }
    ids.add(id);
  }
}
