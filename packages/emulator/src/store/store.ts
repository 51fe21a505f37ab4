import type { JsonObject } from "./json.ts";

/**
 * The emulator's state: tenants, each a set of named collections of JSON records.
 *
 * Data model (the contract every part of the emulator codes against):
 * - A record in a served collection is the entity exactly as Graph returns it for a full `$select`:
 *   every structural property of its CSDL type present (null when unset), without `@odata.*`
 *   annotations (routes add `@odata.type` and `@odata.context` when serving).
 * - Collections whose name starts with `_` hold server-side secrets and bookkeeping (credential
 *   hashes, user passwords, group membership edges) and are never served as they are.
 * - Every mutation goes through `Collection.put`/`delete` or `Store.putTenant`/`deleteTenant`, which
 *   report a {@link StoreChange} to the listeners, in order: persistence journals these.
 *
 * Collection names in use: users, groups, applications, servicePrincipals, appRoleAssignments,
 * oauth2PermissionGrants, organization, directoryAudits, signIns, deletedItems; _credentials (app
 * secrets and certificates), _userPasswords, _groupMembers, _deletedItems. The CIAM issue adds its own.
 * - `deletedItems`: soft-deleted users, groups and applications (their record with `deletedDateTime`);
 *   `_deletedItems`: id → `{ type, secrets }` (the password hash or `_credentials` records a restore needs).
 * - `_credentials`: id = keyId → `{ appObjectId, keyId, type: "Password", secret: SecretHash, endDateTime }`.
 * - `_userPasswords`: id = user id → `SecretHash`.
 * - `_groupMembers`: one record per membership edge, id = `${groupId}:${memberId}` →
 *   `{ groupId, memberId }` (the member is a user, group or service principal id).
 * - `users` records keep extension attributes (`extension_{appId}_{name}`) beside the CSDL properties.
 */

export type TenantKind = "external" | "workforce" | "b2c";

export interface TenantInfo {
  /** Tenant id (GUID). */
  id: string;
  kind: TenantKind;
  displayName: string;
  /** First label of the default domain: `contoso` for `contoso.onmicrosoft.com` (and `contoso.ciamlogin.com`). */
  subdomain: string;
  /** `contoso.onmicrosoft.com`. */
  defaultDomain: string;
  createdDateTime: string;
}

export type StoreChange =
  | { op: "put"; tenantId: string; collection: string; id: string; value: JsonObject }
  | { op: "delete"; tenantId: string; collection: string; id: string }
  | { op: "putTenant"; tenant: TenantInfo }
  | { op: "deleteTenant"; tenantId: string };

export type StoreListener = (change: StoreChange) => void;

/** A named collection of records in one tenant, keyed by id, in insertion order. */
export class Collection {
  readonly #records = new Map<string, JsonObject>();
  readonly #emit: (change: StoreChange) => void;
  readonly tenantId: string;
  readonly name: string;

  constructor(tenantId: string, name: string, emit: (change: StoreChange) => void) {
    this.tenantId = tenantId;
    this.name = name;
    this.#emit = emit;
  }

  get size(): number {
    return this.#records.size;
  }

  get(id: string): JsonObject | undefined {
    return this.#records.get(id);
  }

  has(id: string): boolean {
    return this.#records.has(id);
  }

  values(): IterableIterator<JsonObject> {
    return this.#records.values();
  }

  entries(): IterableIterator<[string, JsonObject]> {
    return this.#records.entries();
  }

  /** Inserts or replaces a record. The caller must not mutate `value` afterwards; put a new object. */
  put(id: string, value: JsonObject): void {
    this.#records.set(id, value);
    this.#emit({ op: "put", tenantId: this.tenantId, collection: this.name, id, value });
  }

  delete(id: string): boolean {
    if (!this.#records.delete(id)) return false;
    this.#emit({ op: "delete", tenantId: this.tenantId, collection: this.name, id });
    return true;
  }

  /** Loads a record without reporting a change (restore and journal replay only). */
  load(id: string, value: JsonObject): void {
    this.#records.set(id, value);
  }

  /** Removes a record without reporting a change (journal replay only). */
  unload(id: string): void {
    this.#records.delete(id);
  }
}

/** One tenant's state. */
export class TenantState {
  readonly #collections = new Map<string, Collection>();
  readonly #emit: (change: StoreChange) => void;
  info: TenantInfo;

  constructor(info: TenantInfo, emit: (change: StoreChange) => void) {
    this.info = info;
    this.#emit = emit;
  }

  /** The named collection, created empty on first use. */
  collection(name: string): Collection {
    let c = this.#collections.get(name);
    if (c === undefined) {
      c = new Collection(this.info.id, name, this.#emit);
      this.#collections.set(name, c);
    }
    return c;
  }

  collectionNames(): string[] {
    return [...this.#collections.keys()];
  }
}

/** All tenants. */
export class Store {
  readonly #tenants = new Map<string, TenantState>();
  readonly #listeners = new Set<StoreListener>();
  readonly #emit = (change: StoreChange): void => {
    for (const listener of this.#listeners) listener(change);
  };

  /** Subscribes to every change, in order; returns the unsubscribe function. */
  onChange(listener: StoreListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  tenants(): IterableIterator<TenantState> {
    return this.#tenants.values();
  }

  /** A tenant by id, by default domain (`contoso.onmicrosoft.com`) or by subdomain (`contoso`), case-insensitively. */
  tenant(idOrDomain: string): TenantState | undefined {
    const key = idOrDomain.toLowerCase();
    const byId = this.#tenants.get(key);
    if (byId !== undefined) return byId;
    for (const t of this.#tenants.values()) {
      if (t.info.defaultDomain.toLowerCase() === key || t.info.subdomain.toLowerCase() === key) return t;
    }
    return undefined;
  }

  putTenant(info: TenantInfo): TenantState {
    const state = this.#load(info);
    this.#emit({ op: "putTenant", tenant: info });
    return state;
  }

  deleteTenant(tenantId: string): boolean {
    if (!this.#tenants.delete(tenantId.toLowerCase())) return false;
    this.#emit({ op: "deleteTenant", tenantId });
    return true;
  }

  /** Applies a change without reporting it (journal replay). */
  apply(change: StoreChange): void {
    switch (change.op) {
      case "putTenant":
        this.#load(change.tenant);
        return;
      case "deleteTenant":
        this.#tenants.delete(change.tenantId.toLowerCase());
        return;
      case "put":
        this.#tenants
          .get(change.tenantId.toLowerCase())
          ?.collection(change.collection)
          .load(change.id, change.value);
        return;
      case "delete":
        this.#tenants.get(change.tenantId.toLowerCase())?.collection(change.collection).unload(change.id);
        return;
    }
  }

  /** Removes every tenant without reporting changes (reset and restore start from this). */
  clear(): void {
    this.#tenants.clear();
  }

  #load(info: TenantInfo): TenantState {
    const key = info.id.toLowerCase();
    const existing = this.#tenants.get(key);
    if (existing !== undefined) {
      existing.info = info;
      return existing;
    }
    const state = new TenantState(info, this.#emit);
    this.#tenants.set(key, state);
    return state;
  }
}
