import type { JsonObject } from "../../store/json.ts";
import { hashSecret } from "../../store/secrets.ts";
import { GraphError, type GraphRequest, type GraphResult, type GraphRoute } from "../route.ts";
import { iefNotFound, requireB2c } from "../trust-framework/b2c-guard.ts";
import {
  activeKey,
  certificateKey,
  generateKey,
  publicKey,
  secretKey,
  suppliedKey,
} from "../trust-framework/keys.ts";
import { pkcs12Key } from "../trust-framework/pkcs12-key.ts";
import { audit, jsonBody } from "./common.ts";

const READ = ["TrustFrameworkKeySet.Read.All", "TrustFrameworkKeySet.ReadWrite.All"];
const WRITE = ["TrustFrameworkKeySet.ReadWrite.All"];
/** Key sets: id → `{ id, keys }` (public members); uploaded secrets' hashes in `_trustFrameworkSecrets`, id = kid. */
const KEYSETS = "trustFrameworkKeySets";
const SECRETS = "_trustFrameworkSecrets";
const PREFIX = "B2C_1A_";

function findKeySet(req: GraphRequest, id: string): JsonObject {
  const lower = id.toLowerCase();
  for (const [key, record] of req.tenant.collection(KEYSETS).entries())
    if (key.toLowerCase() === lower) return record;
  throw iefNotFound("Key set", id);
}

function serveKeySet(req: GraphRequest, record: JsonObject, entity: boolean): JsonObject {
  return {
    ...(entity ? { "@odata.context": `${req.baseUrl}/beta/$metadata#trustFramework/keySets/$entity` } : {}),
    id: record.id ?? null,
    keys: (record.keys as JsonObject[]).map(publicKey),
  };
}

function auditKeySet(req: GraphRequest, activity: string, verb: "Add" | "Update" | "Delete", id: string) {
  audit(req, {
    activityDisplayName: activity,
    category: "Policy",
    operationType: verb,
    targets: [{ id, displayName: id, type: "TrustFrameworkKeySet" }],
  });
}

/** `POST /keySets` (201): the service prefixes `B2C_1A_` to the id sent (api-surface 9.2). */
function createKeySet(req: GraphRequest): GraphResult {
  requireB2c(req, WRITE);
  const body = jsonBody(req);
  const raw = body.id;
  if (typeof raw !== "string" || !/^[A-Za-z0-9_-]{1,100}$/.test(raw)) {
    throw new GraphError(400, "AADB2C", "'id' is required: letters, digits, '_' and '-'.");
  }
  const id = raw.toUpperCase().startsWith(PREFIX) ? raw : `${PREFIX}${raw}`;
  const exists = [...req.tenant.collection(KEYSETS).entries()]
    .map(([k]) => k)
    .some((k) => k.toLowerCase() === id.toLowerCase());
  if (exists) throw new GraphError(409, "AADB2C", `A key set with id '${id}' already exists.`);
  // The create page's example sends the keys (JSON Web Keys) with the set; an empty set is fine too.
  if (body.keys !== undefined && !Array.isArray(body.keys))
    throw new GraphError(400, "AADB2C", "'keys' must be an array of JSON Web Keys.");
  const supplied = (body.keys ?? []).map(suppliedKey);
  const record: JsonObject = { id, keys: supplied.map((k) => k.key) };
  req.tenant.collection(KEYSETS).put(id, record);
  for (const { key, secret } of supplied) {
    if (secret !== undefined)
      req.tenant
        .collection(SECRETS)
        .put(String(key.kid), { keySetId: id, secret: { ...hashSecret(secret) } });
  }
  auditKeySet(req, "Create policy key set", "Add", id);
  return {
    status: 201,
    headers: { location: `${req.baseUrl}/beta/trustFramework/keySets('${id}')` },
    body: serveKeySet(req, record, true),
  };
}

/** Adds a key to a set (200 with the key's public members). */
function addKey(
  req: GraphRequest,
  id: string,
  make: (body: JsonObject) => { key: JsonObject; secret?: string },
  activity: string,
): GraphResult {
  requireB2c(req, WRITE);
  const record = findKeySet(req, id);
  const { key, secret } = make(jsonBody(req));
  if (secret !== undefined)
    req.tenant
      .collection(SECRETS)
      .put(String(key.kid), { keySetId: String(record.id), secret: { ...hashSecret(secret) } });
  req.tenant
    .collection(KEYSETS)
    .put(String(record.id), { ...record, keys: [...(record.keys as JsonObject[]), key] });
  auditKeySet(req, activity, "Update", String(record.id));
  return {
    status: 200,
    body: {
      "@odata.context": `${req.baseUrl}/beta/$metadata#microsoft.graph.trustFrameworkKey`,
      ...publicKey(key),
    },
  };
}

/** `PUT /keySets/{id}` (200): replaces every key of the set with the keys sent (status code: api-surface 9.2 assumption). */
function replaceKeySet(req: GraphRequest, id: string): GraphResult {
  requireB2c(req, WRITE);
  const record = findKeySet(req, id);
  const keys = jsonBody(req).keys;
  if (!Array.isArray(keys)) throw new GraphError(400, "AADB2C", "'keys' must be an array of JSON Web Keys.");
  const supplied = keys.map(suppliedKey);
  const secrets = req.tenant.collection(SECRETS);
  for (const k of record.keys as JsonObject[]) secrets.delete(String(k.kid));
  for (const { key, secret } of supplied) {
    if (secret !== undefined)
      secrets.put(String(key.kid), { keySetId: String(record.id), secret: { ...hashSecret(secret) } });
  }
  const after: JsonObject = { ...record, keys: supplied.map((s) => s.key) };
  req.tenant.collection(KEYSETS).put(String(record.id), after);
  auditKeySet(req, "Update policy key set", "Update", String(record.id));
  return { status: 200, body: serveKeySet(req, after, true) };
}

const base = "/trustFramework/keySets";
const p = (params: Readonly<Record<string, string>>, name: string): string => params[name] as string;
const beta = ["beta"] as const;

/** B2C policy keys, beta only and only in B2C tenants (api-surface 9.2). PKCS#12 upload is not emulated. */
export const trustFrameworkKeySetRoutes: GraphRoute[] = [
  {
    method: "GET",
    path: base,
    versions: beta,
    permissions: [],
    handle: (req) => {
      requireB2c(req, READ);
      return {
        status: 200,
        body: {
          "@odata.context": `${req.baseUrl}/beta/$metadata#trustFramework/keySets`,
          value: [...req.tenant.collection(KEYSETS).values()].map((r) => serveKeySet(req, r, false)),
        },
      };
    },
  },
  { method: "POST", path: base, versions: beta, permissions: [], handle: createKeySet },
  {
    method: "GET",
    path: `${base}/{id}`,
    versions: beta,
    permissions: [],
    handle: (req, x) => {
      requireB2c(req, READ);
      return { status: 200, body: serveKeySet(req, findKeySet(req, p(x, "id")), true) };
    },
  },
  {
    method: "PUT",
    path: `${base}/{id}`,
    versions: beta,
    permissions: [],
    handle: (req, x) => replaceKeySet(req, p(x, "id")),
  },
  {
    method: "DELETE",
    path: `${base}/{id}`,
    versions: beta,
    permissions: [],
    handle: (req, x) => {
      requireB2c(req, WRITE);
      const record = findKeySet(req, p(x, "id"));
      for (const k of record.keys as JsonObject[]) req.tenant.collection(SECRETS).delete(String(k.kid));
      req.tenant.collection(KEYSETS).delete(String(record.id));
      auditKeySet(req, "Delete policy key set", "Delete", String(record.id));
      return { status: 204 };
    },
  },
  {
    method: "POST",
    path: `${base}/{id}/generateKey`,
    versions: beta,
    permissions: [],
    handle: (req, x) => addKey(req, p(x, "id"), (b) => ({ key: generateKey(b) }), "Generate policy key"),
  },
  {
    method: "POST",
    path: `${base}/{id}/uploadSecret`,
    versions: beta,
    permissions: [],
    handle: (req, x) => addKey(req, p(x, "id"), secretKey, "Upload policy key secret"),
  },
  {
    method: "POST",
    path: `${base}/{id}/uploadCertificate`,
    versions: beta,
    permissions: [],
    handle: (req, x) =>
      addKey(req, p(x, "id"), (b) => ({ key: certificateKey(b) }), "Upload policy key certificate"),
  },
  {
    method: "POST",
    path: `${base}/{id}/uploadPkcs12`,
    versions: beta,
    permissions: [],
    handle: (req, x) => addKey(req, p(x, "id"), pkcs12Key, "Upload policy key PKCS12"),
  },
  {
    method: "GET",
    path: `${base}/{id}/getActiveKey`,
    versions: beta,
    permissions: [],
    handle: (req, x) => {
      requireB2c(req, READ);
      const record = findKeySet(req, p(x, "id"));
      const key = activeKey(record.keys as JsonObject[], req.now());
      if (key === undefined)
        throw new GraphError(404, "AADB2C", `Key set '${String(record.id)}' has no active key.`);
      return {
        status: 200,
        body: {
          "@odata.context": `${req.baseUrl}/beta/$metadata#microsoft.graph.trustFrameworkKey`,
          ...publicKey(key),
        },
      };
    },
  },
];
