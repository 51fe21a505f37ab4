import { z } from "zod";
import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import { blank, isGuid } from "../entities/shape.ts";
import { invalidValue, notFound, objectConflict } from "../graph-errors.ts";
import { randomIds } from "../ids.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import { getEntity, listCollection, serveRecord } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";
import { APPLICATION_WRITE, appTarget, both, checkOwnership, findApplication } from "./applications.ts";
import { audit, jsonBody } from "./common.ts";

const TYPE = "federatedIdentityCredential";
const RESOURCE = "FederatedIdentityCredential";
const READ = ["Application.Read.All", "Application.ReadWrite.OwnedBy", "Application.ReadWrite.All"];
/** Graph's limit per application (application-post-federatedidentitycredentials). */
export const MAX_FEDERATED_CREDENTIALS = 20;
const PROPERTIES = ["id", "name", "issuer", "subject", "description", "audiences"] as const;

const spec: CollectionSpec = {
  entitySet: "applications('{id}')/federatedIdentityCredentials",
  type: TYPE,
  directory: false,
  page: { default: 100, max: 100 },
  defaultSelect: PROPERTIES,
  filter: {
    resource: RESOURCE,
    type: TYPE,
    directory: false,
    properties: { name: { ops: "eq" }, subject: { ops: "eq" }, issuer: { ops: "eq" } },
  },
};

// Limits of the resource page: name 3-120 URL-friendly characters (immutable), issuer, subject,
// description 600 characters, exactly one audience of at most 600.
const text600 = z.string().min(1).max(600);
const Fields = z.object({
  name: z
    .string()
    .min(3)
    .max(120)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._~-]*$/),
  issuer: z.url().max(600),
  subject: text600,
  description: z.string().max(600).nullish(),
  audiences: z.array(text600).length(1),
});

function parse<T>(schema: z.ZodType<T>, body: JsonObject): T {
  for (const name of Object.keys(body))
    if (!name.startsWith("@odata.") && !(PROPERTIES as readonly string[]).includes(name))
      throw new GraphError(400, "Request_BadRequest", `Invalid property '${name}'.`);
  const r = schema.safeParse(body);
  if (!r.success) throw invalidValue(r.error.issues[0]?.path.join(".") || "body", RESOURCE);
  return r.data;
}

const records = (req: GraphRequest) => req.tenant.collection(COLLECTIONS.federatedIdentityCredentials);
/** The stored credentials of one application (each record carries its application's object id). */
const ofApp = (req: GraphRequest, app: JsonObject) =>
  [...records(req).values()].filter((r) => r.applicationObjectId === app.id);

function find(req: GraphRequest, app: JsonObject, key: string): JsonObject {
  const found = ofApp(req, app).find((r) => (isGuid(key) ? r.id === key.toLowerCase() : r.name === key));
  if (found === undefined) throw notFound(key);
  return found;
}

/** Graph: issuer and subject together are unique on an application, and so is the name. */
function checkUnique(req: GraphRequest, app: JsonObject, c: JsonObject): void {
  for (const other of ofApp(req, app)) {
    if (other.id === c.id) continue;
    if (String(other.name).toLowerCase() === String(c.name).toLowerCase()) throw objectConflict("name");
    if (other.issuer === c.issuer && other.subject === c.subject) throw objectConflict("subject");
  }
}

function auditChange(req: GraphRequest, app: JsonObject, oldValue?: string, newValue?: string): void {
  audit(req, {
    activityDisplayName: "Update application",
    category: "ApplicationManagement",
    operationType: "Update",
    targets: [appTarget(app, [{ displayName: "FederatedIdentityCredentials", oldValue, newValue }])],
  });
}

const context = (app: JsonObject) =>
  ({
    ...spec,
    entitySet: `applications('${String(app.id)}')/federatedIdentityCredentials`,
  }) as CollectionSpec;

function create(req: GraphRequest, p: Readonly<Record<string, string>>) {
  const app = findApplication(req, p);
  checkOwnership(req, app);
  return insert(req, app, jsonBody(req));
}

/** Stores a new credential of `app` from a create body (201 with the credential). */
function insert(req: GraphRequest, app: JsonObject, body: JsonObject) {
  const input = parse(Fields, body);
  if (ofApp(req, app).length >= MAX_FEDERATED_CREDENTIALS)
    throw new GraphError(
      400,
      "Request_BadRequest",
      `An application can have at most ${MAX_FEDERATED_CREDENTIALS} federated identity credentials.`,
    );
  const record: JsonObject = {
    ...blank(TYPE),
    ...input,
    description: input.description ?? null,
    id: randomIds.uuid(),
    applicationObjectId: String(app.id),
  };
  checkUnique(req, app, record);
  records(req).put(String(record.id), record);
  auditChange(req, app, undefined, String(record.name));
  const ctx = context(app);
  return {
    status: 201,
    headers: { location: `${req.baseUrl}/${req.version}/${ctx.entitySet}/${String(record.id)}` },
    body: {
      "@odata.context": `${req.baseUrl}/${req.version}/$metadata#${ctx.entitySet}/$entity`,
      ...serveRecord(record, ctx, undefined),
    },
  };
}

function update(req: GraphRequest, p: Readonly<Record<string, string>>) {
  const app = findApplication(req, p);
  checkOwnership(req, app);
  const before = find(req, app, p.key ?? "");
  const body = jsonBody(req);
  // The name is immutable once created.
  if (body.name !== undefined && body.name !== before.name) throw invalidValue("name", RESOURCE);
  const input = parse(Fields.partial(), body);
  const given = Object.entries(input).filter(([, v]) => v !== undefined);
  const after: JsonObject = { ...before, ...(Object.fromEntries(given) as JsonObject) };
  checkUnique(req, app, after);
  records(req).put(String(after.id), after);
  auditChange(req, app, String(before.name), String(after.name));
  return { status: 204 };
}

/**
 * PATCH by the name alternate key (federatedidentitycredential-upsert): with `Prefer:
 * create-if-missing`, a name the application lacks is created from the body and the key (201);
 * otherwise it is an update (204, or 404 for a missing name).
 */
function upsert(req: GraphRequest, p: Readonly<Record<string, string>>) {
  const prefer = (req.headers.prefer ?? "").split(",").map((v) => v.trim().toLowerCase());
  if (!prefer.includes("create-if-missing")) return update(req, p);
  const app = findApplication(req, p);
  checkOwnership(req, app);
  const name = p.key ?? "";
  if (ofApp(req, app).some((r) => r.name === name)) return update(req, p);
  const body = jsonBody(req);
  if (body.name !== undefined && body.name !== name) throw invalidValue("name", RESOURCE);
  return insert(req, app, { ...body, name });
}

function remove(req: GraphRequest, p: Readonly<Record<string, string>>) {
  const app = findApplication(req, p);
  checkOwnership(req, app);
  const record = find(req, app, p.key ?? "");
  records(req).delete(String(record.id));
  auditChange(req, app, String(record.name), undefined);
  return { status: 204 };
}

const SET = "/federatedIdentityCredentials";
/** The name alternate key, where a PATCH can upsert. */
const SET_BY_NAME = `${SET}(name='{key}')`;
const write = { permissions: APPLICATION_WRITE, directory: true } as const;
const read = { permissions: READ, directory: true } as const;

/**
 * `/applications/{id}/federatedIdentityCredentials` (and by appId): list, create (at most 20 per
 * app), get, update and delete by id or by the `name` alternate key, upsert by the `name` key.
 */
export const federatedIdentityCredentialRoutes: GraphRoute[] = [
  ...both(
    {
      method: "GET",
      ...read,
      handle: (req, p) => {
        const app = findApplication(req, p);
        return listCollection(req, context(app), ofApp(req, app));
      },
    },
    SET,
  ),
  ...both({ method: "POST", ...write, handle: create }, SET),
  ...[`${SET}/{key}`, SET_BY_NAME].flatMap((suffix) => [
    ...both(
      {
        method: "GET",
        ...read,
        handle: (req, p) => {
          const app = findApplication(req, p);
          return getEntity(req, context(app), find(req, app, p.key ?? ""));
        },
      },
      suffix,
    ),
    ...both({ method: "PATCH", ...write, handle: suffix === SET_BY_NAME ? upsert : update }, suffix),
    ...both({ method: "DELETE", ...write, handle: remove }, suffix),
  ]),
];
