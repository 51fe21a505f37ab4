import type { JsonObject } from "../store/json.ts";
import type { Collection, Store, TenantState } from "../store/store.ts";

/**
 * Where ARM's state lives: in the private collections of the (workforce) tenant that owns each
 * subscription, so snapshots and the journal keep it with the rest of that tenant.
 * - `_armSubscriptions`: id = subscription id → `{ subscriptionId, displayName, state }`.
 * - `_armResourceGroups`: id = `{sub}/{rg}` lower-cased → `{ id, name, location, subscriptionId }`.
 * - `_armRoleAssignments`: id = assignment GUID → `{ id, principalId, principalType, roleDefinitionName, scope }`.
 * - `_armCiamDirectories`: id = resource id lower-cased → {@link DirectoryRecord}.
 * - `_armOperations`: id = operation id → {@link OperationRecord}.
 */
export const ARM_COLLECTIONS = {
  subscriptions: "_armSubscriptions",
  resourceGroups: "_armResourceGroups",
  roleAssignments: "_armRoleAssignments",
  directories: "_armCiamDirectories",
  operations: "_armOperations",
} as const;

/** A `ciamDirectories` resource as stored: the ARM resource as served, and its bookkeeping. */
export interface DirectoryRecord extends JsonObject {
  resource: JsonObject;
  subscriptionId: string;
  resourceGroup: string;
  /** The operation running on it (create or delete), if any. */
  operationId: string | null;
  /** Who created it: becomes the new tenant's first administrator. */
  creator: { tenantId: string; objectId: string };
}

/** An asynchronous ARM operation (`operationStatuses/{id}`). */
export interface OperationRecord extends JsonObject {
  id: string;
  kind: "create" | "delete";
  subscriptionId: string;
  resourceId: string;
  status: "InProgress" | "Succeeded" | "Failed";
  startTime: string;
  endTime: string | null;
  /** Epoch ms at which the operation completes. */
  dueAt: number;
  /** The principal that started it (it may always read its status). */
  principalId: string;
  tenantId: string | null;
}

/** The subscription with this id and the tenant that owns it. */
export function findSubscription(
  store: Store,
  subscriptionId: string,
): { tenant: TenantState; subscription: JsonObject } | undefined {
  const key = subscriptionId.toLowerCase();
  for (const tenant of store.tenants()) {
    const subscription = tenant.collection(ARM_COLLECTIONS.subscriptions).get(key);
    if (subscription !== undefined) return { tenant, subscription };
  }
  return undefined;
}

/** A resource group of a subscription, by name (case-insensitive, as ARM compares them). */
export function findResourceGroup(
  tenant: TenantState,
  subscriptionId: string,
  name: string,
): JsonObject | undefined {
  return tenant.collection(ARM_COLLECTIONS.resourceGroups).get(`${subscriptionId}/${name}`.toLowerCase());
}

/** The `ciamDirectories` collection of a subscription owner. */
export function directories(tenant: TenantState): Collection {
  return tenant.collection(ARM_COLLECTIONS.directories);
}

/** The asynchronous operations of a subscription owner. */
export function operations(tenant: TenantState): Collection {
  return tenant.collection(ARM_COLLECTIONS.operations);
}

/** Every `ciamDirectories` record in the emulator, with its owner tenant. */
export function* allDirectories(store: Store): Generator<{ owner: TenantState; record: DirectoryRecord }> {
  for (const owner of store.tenants()) {
    for (const record of owner.collection(ARM_COLLECTIONS.directories).values()) {
      yield { owner, record: record as DirectoryRecord };
    }
  }
}
