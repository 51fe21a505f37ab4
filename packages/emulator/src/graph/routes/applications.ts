import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import { APPLICATION_READ_ONLY, newApplication } from "../entities/application.ts";
import { isGuid, writeProperties } from "../entities/shape.ts";
import { INSUFFICIENT_PRIVILEGES } from "../graph-errors.ts";
import { randomIds } from "../ids.ts";
import { countCollection, getEntity, listCollection, serveRecord } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";
import { applicationsSpec } from "./application-query.ts";
import { audit, changes, invalidValue, jsonBody, notFound, objectConflict } from "./common.ts";
import { softDelete } from "./deleted-items.ts";
import { certificateCredential } from "./key-credentials.ts";

const READ = ["Application.Read.All", "Application.ReadWrite.OwnedBy", "Application.ReadWrite.All"];
/** Writes: Application.ReadWrite.OwnedBy (own apps only) or Application.ReadWrite.All. */
export const APPLICATION_WRITE = ["Application.ReadWrite.OwnedBy", "Application.ReadWrite.All"];
const WRITE = APPLICATION_WRITE;

/** The application at `/applications/{id}` or `/applications(appId='{appId}')`, or 404. */
export function findApplication(req: GraphRequest, p: Readonly<Record<string, string>>): JsonObject {
  const apps = req.tenant.collection(COLLECTIONS.applications);
  if (p.id !== undefined) {
    const app = isGuid(p.id) ? apps.get(p.id.toLowerCase()) : undefined;
    if (app === undefined) throw notFound(p.id);
    return app;
  }
  const appId = String(p.appId).toLowerCase();
  for (const app of apps.values()) if (app.appId === appId) return app;
  throw notFound(String(p.appId));
}

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

function createApplication(req: GraphRequest) {
  const body = certificates(req, jsonBody(req));
  if (typeof body.displayName !== "string" || body.displayName === "")
    throw invalidValue("displayName", "Application");
  for (const name of Object.keys(body))
    if (APPLICATION_READ_ONLY.has(name)) throw invalidValue(name, "Application");
  const app = newApplication(req.tenant.info, body, req.now(), randomIds, req.caller.appId);
  checkApplication(req, app);
  req.tenant.collection(COLLECTIONS.applications).put(app.id as string, app);
  audit(req, {
    activityDisplayName: "Add application",
    category: "ApplicationManagement",
    operationType: "Add",
    targets: [appTarget(app, changes({}, app, Object.keys(body)))],
  });
  return {
    status: 201,
    body: {
      "@odata.context": `${req.baseUrl}/${req.version}/$metadata#applications/$entity`,
      ...serveRecord(app, applicationsSpec, undefined),
    },
  };
}

function updateApplication(req: GraphRequest, p: Readonly<Record<string, string>>) {
  const before = findApplication(req, p);
  checkOwnership(req, before);
  const body = certificates(req, jsonBody(req));
  const after = writeProperties("application", structuredClone(before), body, APPLICATION_READ_ONLY);
  checkApplication(req, after);
  req.tenant.collection(COLLECTIONS.applications).put(after.id as string, after);
  const certs = body.keyCredentials !== undefined;
  audit(req, {
    activityDisplayName: certs
      ? "Update application – Certificates and secrets management "
      : "Update application",
    category: "ApplicationManagement",
    operationType: "Update",
    // Certificates are public, but their bytes make audit entries unreadable: report the change only.
    targets: [appTarget(after, changes(before, after, Object.keys(body), new Set(["keyCredentials"])))],
  });
  return { status: 204 };
}

function deleteApplication(req: GraphRequest, p: Readonly<Record<string, string>>) {
  const app = findApplication(req, p);
  checkOwnership(req, app);
  const id = app.id as string;
  req.tenant.collection(COLLECTIONS.applications).delete(id);
  const creds = req.tenant.collection(COLLECTIONS.credentials);
  const secrets = [...creds.values()].filter((c) => c.appObjectId === id);
  for (const c of secrets) creds.delete(c.keyId as string);
  softDelete(req, "application", app, secrets);
  // Deleting an application also deletes its service principal in the home tenant, with its grants.
  const sps = req.tenant.collection(COLLECTIONS.servicePrincipals);
  for (const sp of [...sps.values()]) {
    if (sp.appId !== app.appId) continue;
    sps.delete(sp.id as string);
    const assignments = req.tenant.collection(COLLECTIONS.appRoleAssignments);
    for (const [aid, a] of [...assignments.entries()])
      if (a.principalId === sp.id || a.resourceId === sp.id) assignments.delete(aid);
  }
  audit(req, {
    activityDisplayName: "Delete application",
    category: "ApplicationManagement",
    operationType: "Delete",
    targets: [appTarget(app)],
  });
  return { status: 204 };
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
export const applicationRoutes: GraphRoute[] = [
  {
    method: "GET",
    path: "/applications",
    permissions: READ,
    directory: true,
    cost: 2,
    handle: (req) =>
      listCollection(req, applicationsSpec, req.tenant.collection(COLLECTIONS.applications).values()),
  },
  {
    method: "GET",
    path: "/applications/$count",
    permissions: READ,
    directory: true,
    handle: (req) =>
      countCollection(req, applicationsSpec, req.tenant.collection(COLLECTIONS.applications).values()),
  },
  { method: "POST", path: "/applications", permissions: WRITE, directory: true, handle: createApplication },
  ...both({
    method: "GET",
    permissions: READ,
    directory: true,
    handle: (req, p) => getEntity(req, applicationsSpec, findApplication(req, p)),
  }),
  ...both({ method: "PATCH", permissions: WRITE, directory: true, handle: updateApplication }),
  ...both({ method: "DELETE", permissions: WRITE, directory: true, handle: deleteApplication }),
];
