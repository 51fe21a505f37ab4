import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import { APPLICATION_READ_ONLY, newApplication } from "../entities/application.ts";
import { writeProperties } from "../entities/shape.ts";
import { appIdKey, defineEntitySet } from "../entity-set/define-entity-set.ts";
import { INSUFFICIENT_PRIVILEGES, notFound } from "../graph-errors.ts";
import { randomIds } from "../ids.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";
import { checkEntitlements } from "./application-entitlements.ts";
import { applicationsSpec } from "./application-query.ts";
import { type changes, invalidValue, objectConflict } from "./common.ts";
import { softDelete } from "./deleted-items.ts";
import { certificateCredential } from "./key-credentials.ts";

const READ = ["Application.Read.All", "Application.ReadWrite.OwnedBy", "Application.ReadWrite.All"];
/** Writes: Application.ReadWrite.OwnedBy (own apps only) or Application.ReadWrite.All. */
export const APPLICATION_WRITE = ["Application.ReadWrite.OwnedBy", "Application.ReadWrite.All"];
const WRITE = APPLICATION_WRITE;

/**
 * With only Application.ReadWrite.OwnedBy, a caller may change the applications it created (Graph
 * makes the creating app an owner); the broader permissions reach every application.
 */
export function checkOwnership(req: GraphRequest, app: JsonObject): void {
  const perms = req.caller.permissions;
  if (perms.includes("Application.ReadWrite.All") || perms.includes("Directory.ReadWrite.All")) return;
  if (app.createdByAppId !== req.caller.appId) {
    throw new GraphError(403, "Authorization_RequestDenied", INSUFFICIENT_PRIVILEGES);
  }
}

const certificates = (req: GraphRequest, body: JsonObject): JsonObject => {
  if (body.keyCredentials === undefined) return body;
  if (!Array.isArray(body.keyCredentials)) throw invalidValue("keyCredentials", "Application");
  return {
    ...body,
    keyCredentials: body.keyCredentials.map((k) => certificateCredential(k as JsonObject, req.now())),
  };
};

const AUDIENCES = new Set([
  "AzureADMyOrg",
  "AzureADMultipleOrgs",
  "AzureADandPersonalMicrosoftAccount",
  "PersonalMicrosoftAccount",
]);

/** Graph's checks on a whole application: a known audience and identifier URIs unique in the tenant. */
function checkApplication(req: GraphRequest, app: JsonObject): void {
  if (!AUDIENCES.has(String(app.signInAudience))) throw invalidValue("signInAudience", "Application");
  const uris = new Set((app.identifierUris as string[]).map((u) => u.toLowerCase()));
  if (uris.size === 0) return;
  for (const other of req.tenant.collection(COLLECTIONS.applications).values()) {
    if (other.id === app.id) continue;
    if ((other.identifierUris as string[]).some((u) => uris.has(u.toLowerCase())))
      throw objectConflict("identifierUris");
  }
}

/** An application as the target of a directory audit. */
export function appTarget(app: JsonObject, modifiedProperties: ReturnType<typeof changes> = []) {
  return {
    id: app.id as string,
    displayName: app.displayName as string | null,
    type: "Application",
    modifiedProperties,
  };
}

function buildApplication(req: GraphRequest, sent: JsonObject): JsonObject {
  const body = certificates(req, sent);
  if (typeof body.displayName !== "string" || body.displayName === "")
    throw invalidValue("displayName", "Application");
  for (const name of Object.keys(body))
    if (APPLICATION_READ_ONLY.has(name)) throw invalidValue(name, "Application");
  const app = newApplication(req.tenant.info, body, req.now(), randomIds, req.caller.appId);
  checkApplication(req, app);
  return app;
}

const COMPLEX = ["api", "info", "optionalClaims", "parentalControlSettings", "publicClient", "spa", "web"];
const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === "object" && !Array.isArray(v);

function applyUpdate(req: GraphRequest, app: JsonObject, sent: JsonObject): JsonObject {
  checkOwnership(req, app);
  const before = structuredClone(app);
  // A PATCH of a complex property changes the properties it names and keeps the others (OData PATCH).
  const merged: JsonObject = { ...sent };
  for (const name of COMPLEX)
    if (isObject(sent[name]) && isObject(app[name])) merged[name] = { ...app[name], ...sent[name] };
  const after = writeProperties("application", app, certificates(req, merged), APPLICATION_READ_ONLY);
  checkApplication(req, after);
  checkEntitlements(before, after);
  return after;
}

function afterDelete(req: GraphRequest, app: JsonObject): void {
  const id = String(app.id);
  const creds = req.tenant.collection(COLLECTIONS.credentials);
  const secrets = [...creds.values()].filter((c) => c.appObjectId === id);
  for (const c of secrets) creds.delete(String(c.keyId));
  softDelete(req, "application", app, secrets);
  // Deleting an application also deletes its service principal in the home tenant, with its grants.
  const sps = req.tenant.collection(COLLECTIONS.servicePrincipals);
  for (const sp of [...sps.values()]) {
    if (sp.appId !== app.appId) continue;
    sps.delete(String(sp.id));
    const assignments = req.tenant.collection(COLLECTIONS.appRoleAssignments);
    for (const [aid, a] of [...assignments.entries()])
      if (a.principalId === sp.id || a.resourceId === sp.id) assignments.delete(aid);
  }
}

const BY_ID = "/applications/{id}";
const BY_APP_ID = "/applications(appId='{appId}')";

/** Routes for both addressing forms of one application operation (api-surface 10.1). */
export function both(route: Omit<GraphRoute, "path">, suffix = ""): GraphRoute[] {
  return [
    { ...route, path: BY_ID + suffix },
    { ...route, path: BY_APP_ID + suffix },
  ];
}

/** `/applications`: registrations (api-surface 10.1); credential actions are in application-credentials.ts. */
export const applicationSet = defineEntitySet({
  name: "applications",
  collection: COLLECTIONS.applications,
  type: "application",
  spec: applicationsSpec,
  directory: true,
  alternateKeys: [appIdKey(COLLECTIONS.applications)],
  read: { permissions: READ, listCost: 2 },
  audit: { category: "ApplicationManagement", activity: "application", targetType: "Application" },
  create: { permissions: WRITE, build: buildApplication },
  update: {
    permissions: WRITE,
    // Certificates are public, but their bytes make audit entries unreadable: report the change only.
    secret: new Set(["keyCredentials"]),
    activity: (_req, body) =>
      body.keyCredentials === undefined
        ? undefined
        : "Update application – Certificates and secrets management ",
    apply: applyUpdate,
  },
  remove: { permissions: WRITE, before: checkOwnership, after: afterDelete },
});

/** The application at `/applications/{id}` or `/applications(appId='{appId}')`, or 404. */
export function findApplication(req: GraphRequest, p: Readonly<Record<string, string>>): JsonObject {
  if (p.id !== undefined) return applicationSet.find(req, p.id);
  const appId = p.appId ?? "";
  const found = applicationSet.declaration.alternateKeys?.[0]?.find(req, appId);
  if (found === undefined) throw notFound(appId);
  return found;
}

export const applicationRoutes: readonly GraphRoute[] = applicationSet.routes;
