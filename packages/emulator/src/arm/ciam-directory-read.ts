import { z } from "zod";
import type { JsonObject } from "../store/json.ts";
import type { Store, TenantState } from "../store/store.ts";
import { ArmError } from "./arm-error.ts";
import type { ArmRequest, ArmResult } from "./arm-route.ts";
import { allDirectories, type DirectoryRecord, directories, findResourceGroup } from "./arm-store.ts";
import { CIAM_NAME, CIAM_TYPE, parseBody } from "./ciam-directory-schema.ts";

/** The ARM id of a `ciamDirectories` resource, with the resource group's stored casing. */
export function resourceId(req: ArmRequest): string {
  const owner = req.owner as TenantState;
  const sub = req.params.subscriptionId as string;
  const rg = findResourceGroup(owner, sub, req.params.resourceGroupName as string);
  const rgName = String(rg?.name ?? req.params.resourceGroupName);
  return `/subscriptions/${sub.toLowerCase()}/resourceGroups/${rgName}/providers/${CIAM_TYPE}/${req.params.resourceName}`;
}

/** The stored record a path addresses, or `undefined`. */
export function findDirectory(req: ArmRequest): DirectoryRecord | undefined {
  return directories(req.owner as TenantState).get(resourceId(req).toLowerCase()) as
    | DirectoryRecord
    | undefined;
}

/** Whether a tenant domain name is taken: by a tenant, or by another `ciamDirectories` resource. */
export function nameTaken(store: Store, name: string, exceptId?: string): boolean {
  const key = name.toLowerCase();
  if (store.tenant(key) !== undefined) return true;
  for (const { record } of allDirectories(store)) {
    if (String(record.resource.name).toLowerCase() !== key) continue;
    if (exceptId !== undefined && String(record.resource.id).toLowerCase() === exceptId.toLowerCase())
      continue;
    return true;
  }
  return false;
}

/** `GET …/ciamDirectories/{name}`. */
export function getDirectory(req: ArmRequest): ArmResult {
  const record = findDirectory(req);
  if (record === undefined) {
    throw new ArmError(
      404,
      "ResourceNotFound",
      `The Resource '${CIAM_TYPE}/${req.params.resourceName}' under resource group '${req.params.resourceGroupName}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    );
  }
  return { status: 200, body: record.resource };
}

/**
 * `GET …/resourceGroups/{rg}/…/ciamDirectories`: pageable through `nextLink` (api-surface 1.5);
 * `$top` sets the page size, `$skiptoken` is the emulator's offset.
 */
export function listInResourceGroup(req: ArmRequest): ArmResult {
  const rgPrefix = resourceId({ ...req, params: { ...req.params, resourceName: "" } }).toLowerCase();
  const all = [...directories(req.owner as TenantState).values()]
    .map((r) => (r as DirectoryRecord).resource)
    .filter((r) => String(r.id).toLowerCase().startsWith(rgPrefix));
  const top = Number(req.url.searchParams.get("$top") ?? "100");
  if (!Number.isInteger(top) || top < 1 || top > 1000) {
    throw new ArmError(
      400,
      "InvalidParameter",
      `The value '${req.url.searchParams.get("$top")}' of '$top' must be an integer from 1 to 1000.`,
    );
  }
  const skip = Number(req.url.searchParams.get("$skiptoken") ?? "0");
  const start = Number.isInteger(skip) && skip > 0 ? skip : 0;
  const page = all.slice(start, start + top);
  let nextLink: string | null = null;
  if (start + top < all.length) {
    const next = new URL(req.url.pathname, req.ctx.origins.arm);
    next.searchParams.set("api-version", req.apiVersion);
    next.searchParams.set("$top", String(top));
    next.searchParams.set("$skiptoken", String(start + top));
    nextLink = next.toString();
  }
  return { status: 200, body: { value: page, nextLink } };
}

/**
 * `GET /subscriptions/{sub}/…/ciamDirectories`: one page (the spec sets `nextLinkName: null`),
 * holding the resources of the resource groups the caller may read.
 */
export function listInSubscription(req: ArmRequest, canRead: (resourceId: string) => boolean): ArmResult {
  const sub = `/subscriptions/${(req.params.subscriptionId as string).toLowerCase()}/`;
  const value: JsonObject[] = [];
  for (const r of directories(req.owner as TenantState).values()) {
    const resource = (r as DirectoryRecord).resource;
    const id = String(resource.id);
    if (id.toLowerCase().startsWith(sub) && canRead(id)) value.push(resource);
  }
  return { status: 200, body: { value, nextLink: null } };
}

const CheckNameSchema = z.object({ name: z.string(), countryCode: z.string() });

/** `POST …/checkNameAvailability` (api-surface 1.8); the name may be given as `contoso.onmicrosoft.com`. */
export function checkNameAvailability(req: ArmRequest): ArmResult {
  const input = parseBody(CheckNameSchema, req.body);
  const name = input.name.replace(/\.onmicrosoft\.com$/i, "");
  if (!CIAM_NAME.test(name)) {
    return {
      status: 200,
      body: {
        nameAvailable: false,
        reason: "Invalid",
        message: "The domain name is invalid: use 1 to 26 letters and digits.",
      },
    };
  }
  if (nameTaken(req.ctx.store, name)) {
    return {
      status: 200,
      body: {
        nameAvailable: false,
        reason: "AlreadyExists",
        message: "A tenant with this domain name already exists. Please choose another.",
      },
    };
  }
  return { status: 200, body: { nameAvailable: true, reason: null, message: null } };
}
