import { randomUUID } from "node:crypto";
import type { JsonObject } from "../store/json.ts";
import type { TenantState } from "../store/store.ts";
import { ArmError } from "./arm-error.ts";
import { operationUrls, retryAfterSeconds, startOperation } from "./arm-operations.ts";
import type { ArmRequest, ArmResult } from "./arm-route.ts";
import { type DirectoryRecord, directories } from "./arm-store.ts";
import { findDirectory, nameTaken, resourceId } from "./ciam-directory-read.ts";
import {
  CIAM_TYPE,
  CreateBodySchema,
  canonicalGeo,
  checkCountry,
  checkName,
  parseBody,
  systemData,
  UpdateBodySchema,
} from "./ciam-directory-schema.ts";
import { tenantHoldsObjects } from "./provision-tenant.ts";

function busy(record: DirectoryRecord): void {
  if (record.operationId !== null) {
    throw new ArmError(
      409,
      "AnotherOperationInProgress",
      `Another operation is in progress on '${String(record.resource.name)}' (state ${String((record.resource.properties as JsonObject).provisioningState)}). Wait for it to finish and retry.`,
    );
  }
}

function actor(req: ArmRequest): [string, string] {
  return [req.caller.client, req.caller.kind === "user" ? "User" : "Application"];
}

/**
 * `PUT …/ciamDirectories/{name}`: a new name starts the long-running create (201 +
 * `Azure-AsyncOperation` + `Retry-After`, api-surface 1.4); an existing resource is updated in
 * place (200), where only `sku` and `tags` may change.
 */
export function putDirectory(req: ArmRequest): ArmResult {
  const owner = req.owner as TenantState;
  const name = req.params.resourceName as string;
  checkName(name);
  const body = parseBody(CreateBodySchema, req.body);
  const geo = canonicalGeo(body.location);
  const country = checkCountry(geo, body.properties.createTenantProperties.countryCode);
  const id = resourceId(req);
  const existing = findDirectory(req);
  if (existing !== undefined) {
    busy(existing);
    if (existing.resource.location !== geo) {
      throw new ArmError(
        400,
        "InvalidResourceLocation",
        `The resource '${name}' already exists in location '${String(existing.resource.location)}'. A resource cannot be moved to '${geo}'.`,
      );
    }
    const resource: JsonObject = {
      ...existing.resource,
      ...(body.sku === undefined ? {} : { sku: body.sku }),
      ...(body.tags === undefined ? {} : { tags: body.tags }),
      systemData: systemData(existing.resource.systemData as JsonObject, ...actor(req), req.now),
    };
    directories(owner).put(id.toLowerCase(), { ...existing, resource });
    return { status: 200, body: resource };
  }
  if (nameTaken(req.ctx.store, name)) {
    throw new ArmError(
      409,
      "Conflict",
      `A tenant with the domain name '${name}.onmicrosoft.com' already exists. Please choose another.`,
    );
  }
  const tenantId = randomUUID();
  const op = startOperation(req, owner, "create", id, tenantId);
  const resource: JsonObject = {
    id,
    name,
    type: CIAM_TYPE,
    location: geo,
    sku: body.sku ?? { name: "Standard", tier: "A0" },
    tags: body.tags ?? null,
    systemData: systemData(undefined, ...actor(req), req.now),
    properties: {
      provisioningState: "Provisioning",
      createTenantProperties: {
        displayName: body.properties.createTenantProperties.displayName,
        countryCode: country,
      },
      tenantId,
    },
  };
  const record: DirectoryRecord = {
    resource,
    subscriptionId: (req.params.subscriptionId as string).toLowerCase(),
    resourceGroup: req.params.resourceGroupName as string,
    operationId: op.id,
    creator: { tenantId: req.caller.tenantId, objectId: req.caller.objectId },
  };
  directories(owner).put(id.toLowerCase(), record);
  return {
    status: 201,
    headers: {
      "azure-asyncoperation": operationUrls(req, op).status,
      "retry-after": retryAfterSeconds(req.ctx, op),
    },
    body: resource,
  };
}

/** `PATCH …/ciamDirectories/{name}`: tags and SKU, synchronous (api-surface 1.6). */
export function patchDirectory(req: ArmRequest): ArmResult {
  const record = findDirectory(req);
  if (record === undefined) {
    throw new ArmError(
      404,
      "ResourceNotFound",
      `The Resource '${CIAM_TYPE}/${req.params.resourceName}' under resource group '${req.params.resourceGroupName}' was not found.`,
    );
  }
  busy(record);
  const changes = parseBody(UpdateBodySchema, req.body);
  const resource: JsonObject = {
    ...record.resource,
    ...(changes.sku === undefined ? {} : { sku: changes.sku }),
    ...(changes.tags === undefined ? {} : { tags: changes.tags }),
    systemData: systemData(record.resource.systemData as JsonObject, ...actor(req), req.now),
  };
  directories(req.owner as TenantState).put(String(record.resource.id).toLowerCase(), {
    ...record,
    resource,
  });
  return { status: 200, body: resource };
}

/**
 * `DELETE …/ciamDirectories/{name}`: 202 + `Location` + `Azure-AsyncOperation`, then gone; 204
 * when there is nothing to delete. Refused while the tenant still holds its own users or apps.
 */
export function deleteDirectory(req: ArmRequest): ArmResult {
  const owner = req.owner as TenantState;
  const record = findDirectory(req);
  if (record === undefined) return { status: 204 };
  busy(record);
  const properties = record.resource.properties as JsonObject;
  const tenant = req.ctx.store.tenant(String(properties.tenantId));
  const held = tenant === undefined ? undefined : tenantHoldsObjects(tenant);
  if (held !== undefined) {
    throw new ArmError(
      409,
      "TenantNotEmpty",
      `The tenant '${String(record.resource.name)}.onmicrosoft.com' still holds ${held.users} user(s) and ${held.applications} application(s). Delete them first: the Azure resource can only be deleted as the last step of deleting the tenant.`,
    );
  }
  const op = startOperation(req, owner, "delete", String(record.resource.id), String(properties.tenantId));
  directories(owner).put(String(record.resource.id).toLowerCase(), {
    ...record,
    operationId: op.id,
    resource: { ...record.resource, properties: { ...properties, provisioningState: "Deleting" } },
  });
  const urls = operationUrls(req, op);
  return {
    status: 202,
    headers: {
      location: urls.result,
      "azure-asyncoperation": urls.status,
      "retry-after": retryAfterSeconds(req.ctx, op),
    },
  };
}
