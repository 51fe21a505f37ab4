import { z } from "zod";
import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import { blank, isGuid } from "../entities/shape.ts";
import { defineEntitySet } from "../entity-set/define-entity-set.ts";
import { invalidValue, objectConflict } from "../graph-errors.ts";
import { randomIds } from "../ids.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";
import { APPLICATION_WRITE, applicationSet, appTarget, checkOwnership } from "./applications.ts";

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
/** The application a credential belongs to. */
const appOf = (req: GraphRequest, c: JsonObject): JsonObject =>
  req.tenant.collection(COLLECTIONS.applications).get(String(c.applicationObjectId)) ?? {};

/** Graph: issuer and subject together are unique on an application, and so is the name. */
function checkUnique(req: GraphRequest, app: JsonObject, c: JsonObject): void {
  for (const other of ofApp(req, app)) {
    if (other.id === c.id) continue;
    if (String(other.name).toLowerCase() === String(c.name).toLowerCase()) throw objectConflict("name");
    if (other.issuer === c.issuer && other.subject === c.subject) throw objectConflict("subject");
  }
}

/** A new credential of `app` from a create body, at most 20 per application. */
function build(req: GraphRequest, body: JsonObject, app: JsonObject = {}): JsonObject {
  checkOwnership(req, app);
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
  return record;
}

/** A PATCH: the name is immutable once created. */
function apply(req: GraphRequest, before: JsonObject, body: JsonObject): JsonObject {
  if (body.name !== undefined && body.name !== before.name) throw invalidValue("name", RESOURCE);
  const input = parse(Fields.partial(), body);
  const given = Object.entries(input).filter(([, v]) => v !== undefined);
  const after: JsonObject = { ...before, ...(Object.fromEntries(given) as JsonObject) };
  checkUnique(req, appOf(req, before), after);
  return after;
}

/**
 * `/applications/{id}/federatedIdentityCredentials` (and by appId): list, create (at most 20 per
 * app), get, update and delete by id or by the `name` alternate key, and upsert by the `name` key
 * (`Prefer: create-if-missing`, federatedidentitycredential-upsert). Graph audits each change as an
 * update of the application.
 */
export const federatedIdentityCredentialSet = defineEntitySet({
  name: "federatedIdentityCredentials",
  collection: COLLECTIONS.federatedIdentityCredentials,
  parent: { set: applicationSet, owns: (app, c) => c.applicationObjectId === app.id },
  type: TYPE,
  spec,
  directory: true,
  find: (req, key, app) =>
    (app === undefined ? [...records(req).values()] : ofApp(req, app)).find((r) =>
      isGuid(key) ? r.id === key.toLowerCase() : r.name === key,
    ),
  alternateKeys: [
    {
      property: "name",
      upsert: true,
      find: (req, name, app) =>
        (app === undefined ? [...records(req).values()] : ofApp(req, app)).find((r) => r.name === name),
    },
  ],
  // The change is checked against the application's owners first, as every application write is.
  authorize: (req, c, use) => {
    if (use === "write") checkOwnership(req, appOf(req, c));
  },
  read: { permissions: READ, count: false },
  location: (req, c) =>
    `${req.baseUrl}/${req.version}/applications('${String(c.applicationObjectId)}')/federatedIdentityCredentials/${String(c.id)}`,
  audit: {
    category: "ApplicationManagement",
    activity: "application",
    targetType: "Application",
    entry: (verb, before, after, req) => ({
      activityDisplayName: "Update application",
      category: "ApplicationManagement",
      operationType: "Update",
      targets: [
        appTarget(appOf(req, after), [
          {
            displayName: "FederatedIdentityCredentials",
            oldValue: verb === "Add" ? undefined : String(before.name),
            newValue: verb === "Delete" ? undefined : String(after.name),
          },
        ]),
      ],
    }),
  },
  create: { permissions: APPLICATION_WRITE, build },
  update: { permissions: APPLICATION_WRITE, apply },
  remove: { permissions: APPLICATION_WRITE },
});

export const federatedIdentityCredentialRoutes: readonly GraphRoute[] = federatedIdentityCredentialSet.routes;
