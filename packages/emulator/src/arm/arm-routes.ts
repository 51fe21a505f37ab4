import type { TenantState } from "../store/store.ts";
import { ArmError } from "./arm-error.ts";
import { getOperationResult, getOperationStatus, listProviderOperations } from "./arm-operations.ts";
import type { ArmRequest, ArmRoute } from "./arm-route.ts";
import { ARM_COLLECTIONS } from "./arm-store.ts";
import {
  checkNameAvailability,
  getDirectory,
  listInResourceGroup,
  listInSubscription,
} from "./ciam-directory-read.ts";
import { deleteDirectory, patchDirectory, putDirectory } from "./ciam-directory-write.ts";
import { authorizationFailedMessage, isAuthorized } from "./rbac.ts";

const PROVIDER = "Microsoft.AzureActiveDirectory";
const SUB = "/subscriptions/{subscriptionId}";
const RG = `${SUB}/resourceGroups/{resourceGroupName}`;
const RESOURCE = `${RG}/providers/${PROVIDER}/ciamDirectories/{resourceName}`;

const sub = (p: Readonly<Record<string, string>>) => `/subscriptions/${p.subscriptionId}`;
const rg = (p: Readonly<Record<string, string>>) => `${sub(p)}/resourceGroups/${p.resourceGroupName}`;
const res = (p: Readonly<Record<string, string>>) =>
  `${rg(p)}/providers/${PROVIDER}/ciamDirectories/${p.resourceName}`;

/**
 * Subscription-scope calls a resource-group role holder makes too (the name check before a create,
 * the subscription-wide list): allowed with a role anywhere in the subscription, else 403.
 */
function requireRoleInSubscription(req: ArmRequest, action: string): TenantState {
  const owner = req.owner;
  if (owner === undefined) throw new Error("subscription route without an owner");
  const scope = sub(req.params);
  const anyRole = [...owner.collection(ARM_COLLECTIONS.roleAssignments).values()].some(
    (a) =>
      String(a.principalId).toLowerCase() === req.caller.objectId.toLowerCase() &&
      String(a.scope).toLowerCase().startsWith(scope.toLowerCase()),
  );
  if (!anyRole) {
    throw new ArmError(
      403,
      "AuthorizationFailed",
      authorizationFailedMessage(req.caller.client, req.caller.objectId, action, scope),
    );
  }
  return owner;
}

/** Lists at subscription scope show only what the caller may read. */
function subscriptionList(req: ArmRequest) {
  const action = `${PROVIDER}/ciamDirectories/read`;
  const owner = requireRoleInSubscription(req, action);
  return listInSubscription(req, (id) => isAuthorized(owner, req.caller.objectId, action, id));
}

/** The ARM routes the emulator serves: `Microsoft.AzureActiveDirectory/ciamDirectories` (api-surface 1.2). */
export const armRoutes: readonly ArmRoute[] = [
  {
    method: "PUT",
    path: RESOURCE,
    type: "writes",
    authorize: (p) => ({ action: `${PROVIDER}/ciamDirectories/write`, scope: res(p) }),
    handle: putDirectory,
  },
  {
    method: "GET",
    path: RESOURCE,
    type: "reads",
    authorize: (p) => ({ action: `${PROVIDER}/ciamDirectories/read`, scope: res(p) }),
    handle: getDirectory,
  },
  {
    method: "PATCH",
    path: RESOURCE,
    type: "writes",
    authorize: (p) => ({ action: `${PROVIDER}/ciamDirectories/write`, scope: res(p) }),
    handle: patchDirectory,
  },
  {
    method: "DELETE",
    path: RESOURCE,
    type: "deletes",
    authorize: (p) => ({ action: `${PROVIDER}/ciamDirectories/delete`, scope: res(p) }),
    handle: deleteDirectory,
  },
  {
    method: "GET",
    path: `${RG}/providers/${PROVIDER}/ciamDirectories`,
    type: "reads",
    authorize: (p) => ({ action: `${PROVIDER}/ciamDirectories/read`, scope: rg(p) }),
    handle: listInResourceGroup,
  },
  {
    method: "GET",
    path: `${SUB}/providers/${PROVIDER}/ciamDirectories`,
    type: "reads",
    authorize: null,
    handle: subscriptionList,
  },
  {
    method: "POST",
    path: `${SUB}/providers/${PROVIDER}/checkNameAvailability`,
    type: "writes",
    authorize: null,
    handle: (req) => {
      requireRoleInSubscription(req, `${PROVIDER}/checkNameAvailability/action`);
      return checkNameAvailability(req);
    },
  },
  {
    method: "GET",
    path: `${SUB}/providers/${PROVIDER}/operationStatuses/{operationId}`,
    type: "reads",
    authorize: null,
    handle: getOperationStatus,
  },
  {
    method: "GET",
    path: `${SUB}/providers/${PROVIDER}/operationResults/{operationId}`,
    type: "reads",
    authorize: null,
    handle: getOperationResult,
  },
  {
    method: "GET",
    path: `/providers/${PROVIDER}/operations`,
    type: "reads",
    authorize: null,
    handle: listProviderOperations,
  },
];
