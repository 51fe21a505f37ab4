import { randomUUID } from "node:crypto";
import type { EmulatorContext } from "../context.ts";
import type { JsonObject } from "../store/json.ts";
import type { TenantState } from "../store/store.ts";
import { ArmError } from "./arm-error.ts";
import type { ArmRequest, ArmResult } from "./arm-route.ts";
import {
  ARM_COLLECTIONS,
  type DirectoryRecord,
  directories,
  type OperationRecord,
  operations,
} from "./arm-store.ts";
import { provisionTenant } from "./provision-tenant.ts";
import { isAuthorized } from "./rbac.ts";

const PROVIDER = "Microsoft.AzureActiveDirectory";

/** The wait a client is asked for between polls: about half the remaining time, 1 to 60 s. */
export function retryAfterSeconds(ctx: EmulatorContext, op: OperationRecord): string {
  const left = op.dueAt - ctx.now().getTime();
  return String(Math.min(60, Math.max(1, Math.ceil(left / 2000))));
}

/** Starts an asynchronous operation on a resource; it completes `operationMs` later (see {@link settleOperations}). */
export function startOperation(
  req: ArmRequest,
  owner: TenantState,
  kind: OperationRecord["kind"],
  resourceId: string,
  tenantId: string | null,
): OperationRecord {
  const now = req.now;
  const op: OperationRecord = {
    id: randomUUID(),
    kind,
    subscriptionId: req.params.subscriptionId as string,
    resourceId,
    status: "InProgress",
    startTime: now.toISOString(),
    endTime: null,
    dueAt: now.getTime() + req.ctx.arm.operationMs(req.ctx.throttler.settings.timeScale),
    principalId: req.caller.objectId,
    tenantId,
  };
  operations(owner).put(op.id, op);
  return op;
}

/** `Azure-AsyncOperation` and `Location` URLs of an operation. */
export function operationUrls(req: ArmRequest, op: OperationRecord): { status: string; result: string } {
  const base = `${req.ctx.origins.arm}/subscriptions/${op.subscriptionId}/providers/${PROVIDER}`;
  const q = `?api-version=${req.apiVersion}`;
  return {
    status: `${base}/operationStatuses/${op.id}${q}`,
    result: `${base}/operationResults/${op.id}${q}`,
  };
}

/**
 * Completes every operation whose time has come: a create provisions its tenant and the resource
 * turns `Succeeded`; a delete removes the tenant and the resource. Run before each ARM request,
 * so state advances with the clock without timers.
 */
export function settleOperations(ctx: EmulatorContext): void {
  const nowMs = ctx.now().getTime();
  for (const owner of [...ctx.store.tenants()]) {
    if (!owner.collectionNames().includes(ARM_COLLECTIONS.operations)) continue;
    for (const value of [...operations(owner).values()]) {
      const op = value as OperationRecord;
      if (op.status !== "InProgress" || op.dueAt > nowMs) continue;
      const now = new Date(op.dueAt);
      const key = op.resourceId.toLowerCase();
      const record = directories(owner).get(key) as DirectoryRecord | undefined;
      if (record !== undefined && op.kind === "create") {
        provisionTenant(ctx.store, owner, record, now);
        const properties = record.resource.properties as JsonObject;
        directories(owner).put(key, {
          ...record,
          operationId: null,
          resource: {
            ...record.resource,
            properties: {
              ...properties,
              provisioningState: "Succeeded",
              domainName: `${String(record.resource.name).toLowerCase()}.onmicrosoft.com`,
              billingConfig: { billingType: "MAU", effectiveStartDateUtc: now.toISOString() },
            },
          },
        });
      } else if (record !== undefined && op.kind === "delete") {
        const tenantId = (record.resource.properties as JsonObject).tenantId;
        if (typeof tenantId === "string") ctx.store.deleteTenant(tenantId);
        directories(owner).delete(key);
      }
      operations(owner).put(op.id, { ...op, status: "Succeeded", endTime: now.toISOString() });
    }
  }
}

function findOperation(req: ArmRequest): OperationRecord {
  const owner = req.owner as TenantState;
  const op = operations(owner).get(req.params.operationId as string) as OperationRecord | undefined;
  const readable =
    op !== undefined &&
    op.subscriptionId.toLowerCase() === (req.params.subscriptionId as string).toLowerCase() &&
    (op.principalId === req.caller.objectId ||
      isAuthorized(owner, req.caller.objectId, `${PROVIDER}/ciamDirectories/read`, op.resourceId));
  if (!readable) {
    throw new ArmError(
      404,
      "OperationNotFound",
      `The operation '${req.params.operationId}' could not be found.`,
    );
  }
  return op;
}

/** `GET …/operationStatuses/{id}`: ARM's `OperationStatusResult`. */
export function getOperationStatus(req: ArmRequest): ArmResult {
  const op = findOperation(req);
  const headers: Record<string, string> =
    op.status === "InProgress" ? { "retry-after": retryAfterSeconds(req.ctx, op) } : {};
  return {
    status: 200,
    headers,
    body: {
      id: `/subscriptions/${op.subscriptionId}/providers/${PROVIDER}/operationStatuses/${op.id}`,
      name: op.id,
      status: op.status,
      startTime: op.startTime,
      endTime: op.endTime,
      error: null,
      ...(op.tenantId === null ? {} : { properties: { tenantId: op.tenantId } }),
    },
  };
}

/** `GET …/operationResults/{id}` (a delete's `Location`): 202 while running, then 204. */
export function getOperationResult(req: ArmRequest): ArmResult {
  const op = findOperation(req);
  if (op.status === "InProgress") {
    return {
      status: 202,
      headers: { location: operationUrls(req, op).result, "retry-after": retryAfterSeconds(req.ctx, op) },
    };
  }
  return { status: 204 };
}

/** `GET /providers/Microsoft.AzureActiveDirectory/operations` (api-surface 1.9). */
export function listProviderOperations(): ArmResult {
  const op = (name: string, resource: string, operation: string, description: string) => ({
    name: `${PROVIDER}/${name}`,
    isDataAction: false,
    display: { provider: PROVIDER, resource, operation, description },
    origin: "user,system",
  });
  return {
    status: 200,
    body: {
      value: [
        op(
          "ciamDirectories/read",
          "ciamDirectories",
          "Read CIAM directories",
          "Reads CIAM (external) tenant resources.",
        ),
        op(
          "ciamDirectories/write",
          "ciamDirectories",
          "Create or update CIAM directories",
          "Creates or updates CIAM (external) tenant resources.",
        ),
        op(
          "ciamDirectories/delete",
          "ciamDirectories",
          "Delete CIAM directories",
          "Deletes CIAM (external) tenant resources.",
        ),
        op(
          "checkNameAvailability/action",
          "checkNameAvailability",
          "Check name availability",
          "Checks whether a tenant domain name is available.",
        ),
        op(
          "operationStatuses/read",
          "operationStatuses",
          "Read operation status",
          "Reads the status of an asynchronous operation.",
        ),
        op(
          "operations/read",
          "operations",
          "Read operations",
          "Lists the operations of the resource provider.",
        ),
      ],
      nextLink: null,
    },
  };
}
