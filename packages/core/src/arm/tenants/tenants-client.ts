/** The external-tenant resource client: the ARM calls behind the tenant operations (api-surface 1.2). */

import { segment } from "../../graph/common.ts";
import { errorFromResponse } from "../../http/errors.ts";
import type { LroOptions } from "../../http/lro.ts";
import { lroResumeToken, resumeLongRunning } from "../../http/lro.ts";
import type { ListResult } from "../../http/paginate.ts";
import { listPage } from "../../http/paginate.ts";
import { responseJson } from "../../http/pipeline.ts";
import { retryAfterMs } from "../../http/retry-after.ts";
import type { ServiceClient } from "../../http/service-client.ts";
import type { Tenant } from "./tenant-schema.ts";

/** The api-version ciamkit speaks (stable; 2023-05-17-preview has the same wire shape). */
export const TENANTS_API_VERSION = "2024-05-01";

const PROVIDER = "Microsoft.AzureActiveDirectory";
const Q = { "api-version": TENANTS_API_VERSION };

/** Azure RBAC actions, in the form the catalog's `permissions` use for ARM. */
export const TENANT_ACTIONS = {
  read: `${PROVIDER}/ciamDirectories/read`,
  write: `${PROVIDER}/ciamDirectories/write`,
  delete: `${PROVIDER}/ciamDirectories/delete`,
  checkName: `${PROVIDER}/checkNameAvailability/action`,
} as const;

/** Which tenant resource. */
export interface TenantAddress {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

type Common = { signal?: AbortSignal | undefined };

function subscriptionPath(subscriptionId: string): string {
  return `/subscriptions/${segment(subscriptionId)}`;
}

function collectionPath(subscriptionId: string, resourceGroup?: string): string {
  const rg = resourceGroup === undefined ? "" : `/resourceGroups/${segment(resourceGroup)}`;
  return `${subscriptionPath(subscriptionId)}${rg}/providers/${PROVIDER}/ciamDirectories`;
}

/** The ARM path of a tenant resource. */
export function tenantPath(a: TenantAddress): string {
  return `${collectionPath(a.subscriptionId, a.resourceGroup)}/${segment(a.name)}`;
}

/** Result of a name check. */
export interface NameAvailability {
  nameAvailable: boolean;
  reason: string | null;
  message: string | null;
}

/** `POST …/checkNameAvailability`. */
export function checkTenantName(
  arm: ServiceClient,
  subscriptionId: string,
  body: { name: string; countryCode: string },
  options: Common = {},
): Promise<NameAvailability> {
  return arm.post<NameAvailability>(
    `${subscriptionPath(subscriptionId)}/providers/${PROVIDER}/checkNameAvailability`,
    body,
    {
      query: Q,
      idempotent: true,
      signal: options.signal,
      requiredPermissions: [TENANT_ACTIONS.checkName],
    },
  );
}

/** What starting a create returns: the resource as accepted and the token to follow the operation. */
export interface StartedCreate {
  tenant: Tenant;
  /** Absent when ARM answered synchronously (the resource already existed and was updated). */
  pollToken: string | undefined;
  retryAfterMs: number | undefined;
}

/** `PUT …/ciamDirectories/{name}`: starts the long-running create. */
export async function startTenantCreate(
  arm: ServiceClient,
  address: TenantAddress,
  body: Record<string, unknown>,
  options: Common = {},
): Promise<StartedCreate> {
  const response = await arm.send("PUT", tenantPath(address), { query: Q, body, signal: options.signal });
  if (response.status >= 400) {
    throw errorFromResponse(response, { requiredPermissions: [TENANT_ACTIONS.write] });
  }
  return {
    tenant: responseJson(response) as Tenant,
    pollToken: lroResumeToken(response),
    retryAfterMs: retryAfterMs(response.headers),
  };
}

/** Follows a create from its poll token to the provisioned tenant. */
export function waitTenantOperation(
  arm: ServiceClient,
  pollToken: string,
  options: LroOptions = {},
): Promise<Tenant> {
  return resumeLongRunning<Tenant>(arm, pollToken, options);
}

/** `GET …/ciamDirectories/{name}`. */
export function getTenant(arm: ServiceClient, address: TenantAddress, options: Common = {}): Promise<Tenant> {
  return arm.get<Tenant>(tenantPath(address), {
    query: Q,
    signal: options.signal,
    requiredPermissions: [TENANT_ACTIONS.read],
  });
}

/** A page of tenants of a resource group, or of a whole subscription. */
export function listTenants(
  arm: ServiceClient,
  scope: { subscriptionId: string; resourceGroup?: string | undefined },
  options: Common & { limit: number; cursor?: string | undefined },
): Promise<ListResult<Tenant>> {
  return listPage<Tenant>(arm, collectionPath(scope.subscriptionId, scope.resourceGroup), {
    query: Q,
    limit: options.limit,
    cursor: options.cursor,
    signal: options.signal,
    requiredPermissions: [TENANT_ACTIONS.read],
  });
}

/** `PATCH …/ciamDirectories/{name}` with tags and/or SKU (synchronous, 200). */
export function updateTenant(
  arm: ServiceClient,
  address: TenantAddress,
  changes: { tags?: Record<string, string> | undefined; sku?: { name: string; tier: "A0" } | undefined },
  options: Common = {},
): Promise<Tenant> {
  return arm.patch<Tenant>(tenantPath(address), changes, {
    query: Q,
    signal: options.signal,
    requiredPermissions: [TENANT_ACTIONS.write],
  });
}

/** `DELETE …/ciamDirectories/{name}`: returns the poll token, or `undefined` when nothing was left to delete (204). */
export async function startTenantDelete(
  arm: ServiceClient,
  address: TenantAddress,
  options: Common = {},
): Promise<string | undefined> {
  const response = await arm.send("DELETE", tenantPath(address), { query: Q, signal: options.signal });
  if (response.status >= 400) {
    throw errorFromResponse(response, { requiredPermissions: [TENANT_ACTIONS.delete] });
  }
  return lroResumeToken(response);
}
