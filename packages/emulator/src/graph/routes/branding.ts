import type { JsonObject } from "../../store/json.ts";
import { applyBrandingChanges, auditBranding } from "../branding/branding-changes.ts";
import {
  BRANDING_STREAMS,
  BRANDINGS,
  CULTURE,
  checkOrganization,
  DEFAULT_LOCALE,
  ensureDefault,
  findBranding,
  localeKey,
  mergedBranding,
  newBranding,
  serveBranding,
  uploadedStreams,
} from "../branding/branding-records.ts";
import { notFoundMessage } from "../graph-errors.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";
import { jsonBody } from "./common.ts";

/** Any GET: the least-privileged permission first, then the broader ones that also work (api-surface 4.1). */
export const BRANDING_READ = [
  "OrganizationalBranding.Read.All",
  "Organization.Read.All",
  "OrganizationalBranding.ReadWrite.All",
  "Organization.ReadWrite.All",
];
/** Any write (api-surface 4.1). */
export const BRANDING_WRITE = ["OrganizationalBranding.ReadWrite.All", "Organization.ReadWrite.All"];

function brandingNotFound(locale: string): GraphError {
  return new GraphError(
    404,
    "Request_ResourceNotFound",
    locale === DEFAULT_LOCALE
      ? "The tenant has no default company branding; create it with PATCH /organization/{id}/branding or by adding a localization."
      : notFoundMessage(locale),
  );
}

/**
 * The locale `Accept-Language` asks for: `0` or `default` (or none, or `*` as fetch sends) is the
 * default branding; otherwise the first language range of the list (`fr-FR,fr;q=0.9` → `fr-FR`).
 */
function requestedLocale(req: GraphRequest): string {
  const first = (req.headers["accept-language"] ?? "").split(",")[0]?.split(";")[0]?.trim() ?? "";
  if (first === "" || first === "*") return DEFAULT_LOCALE;
  return localeKey(first);
}

/**
 * The `@odata.id` the branding pages' examples carry: the branding's address in the directory
 * (`…/v2/{tenant}/directoryObjects/$/Microsoft.DirectoryServices.Organization('{tenant}')` and then
 * `/branding/0` for the branding, `//localizations/{id}` for a listed or created localization and
 * `//localizations('{id}')/{id}` for one read by id, each as the page shows it).
 */
function brandingAddress(req: GraphRequest, orgId: string, path: string): string {
  const tenant = orgId.toLowerCase();
  return `${req.baseUrl}/v2/${tenant}/directoryObjects/$/Microsoft.DirectoryServices.Organization('${tenant}')${path}`;
}

function requireJson(req: GraphRequest): JsonObject {
  const type = req.headers["content-type"] ?? "";
  if (req.rawBody.length > 0 && !/json/i.test(type)) {
    throw new GraphError(
      415,
      "Request_BadRequest",
      "Branding strings are written as JSON (Content-Type: application/json); upload images and CSS with PUT on their stream.",
    );
  }
  return jsonBody(req);
}

/** `GET /branding`: the default branding, or the merged view of the locale `Accept-Language` names (api-surface 4.3). */
function getBranding(req: GraphRequest, orgId: string) {
  checkOrganization(req, orgId);
  const defaults = findBranding(req.tenant, DEFAULT_LOCALE);
  if (defaults === undefined) throw brandingNotFound(DEFAULT_LOCALE);
  const locale = requestedLocale(req);
  const localization = locale === DEFAULT_LOCALE ? undefined : findBranding(req.tenant, locale);
  // A locale without a localization shows the default branding, as the sign-in page does.
  const record = localization === undefined ? defaults : mergedBranding(defaults, localization);
  const id = localization === undefined ? DEFAULT_LOCALE : String(localization.id);
  return {
    status: 200,
    body: {
      "@odata.context": `${req.baseUrl}/${req.version}/$metadata#branding`,
      "@odata.id": brandingAddress(req, orgId, `/branding/${id}`),
      ...serveBranding(req, record, id),
    },
  };
}

/**
 * `PATCH` of a branding's strings and objects (204). The default branding is created when missing:
 * the docs do not say what Graph does then (api-surface 4.3 flags this as our assumption).
 */
function updateBranding(req: GraphRequest, orgId: string, locale: string) {
  checkOrganization(req, orgId);
  const body = requireJson(req);
  const key = localeKey(locale);
  const existing = findBranding(req.tenant, key);
  if (existing === undefined && key !== DEFAULT_LOCALE) throw brandingNotFound(locale);
  const before = existing ?? newBranding(DEFAULT_LOCALE);
  const after = applyBrandingChanges(req, before, body);
  req.tenant.collection(BRANDINGS).put(String(after.id), after);
  auditBranding(
    req,
    existing === undefined ? "Add" : "Update",
    String(after.id),
    before,
    after,
    Object.keys(body),
  );
  return { status: 204 };
}

/** `DELETE` of the default branding (only once its files are removed, api-surface 4.3) or of a localization. */
function deleteBranding(req: GraphRequest, orgId: string, locale: string) {
  checkOrganization(req, orgId);
  const record = findBranding(req.tenant, locale);
  if (record === undefined) throw brandingNotFound(localeKey(locale));
  const id = String(record.id);
  const streams = uploadedStreams(req.tenant, id);
  if (id === DEFAULT_LOCALE && streams.length > 0) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      `Remove the default branding's stream properties first (${streams.join(", ")}): delete each with DELETE /organization/{id}/branding/localizations/0/{stream}.`,
    );
  }
  for (const s of streams) req.tenant.collection(BRANDING_STREAMS).delete(`${id}/${s}`);
  req.tenant.collection(BRANDINGS).delete(id);
  auditBranding(req, "Delete", id, record, record, []);
  return { status: 204 };
}

/** `POST /branding/localizations` (201): one per culture; creates the default branding if absent (api-surface 4.4). */
function createLocalization(req: GraphRequest, orgId: string) {
  checkOrganization(req, orgId);
  const body = requireJson(req);
  const id = body.id;
  if (typeof id !== "string" || !CULTURE.test(id)) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      "Property 'id' must be a culture name such as 'fr-FR' (the default branding, '0', exists on its own).",
    );
  }
  if (findBranding(req.tenant, id) !== undefined) {
    throw new GraphError(
      409,
      "Request_MultipleObjectsWithSameKeyValue",
      `A branding localization for '${id}' already exists; update it instead.`,
    );
  }
  const before = newBranding(id);
  const after = applyBrandingChanges(req, before, body);
  ensureDefault(req.tenant);
  req.tenant.collection(BRANDINGS).put(id, after);
  auditBranding(req, "Add", id, before, after, Object.keys(body));
  return {
    status: 201,
    headers: { location: `${req.baseUrl}/${req.version}/organization/${orgId}/branding/localizations/${id}` },
    body: {
      "@odata.context": `${req.baseUrl}/${req.version}/$metadata#organization('${orgId}')/branding/localizations/$entity`,
      "@odata.id": brandingAddress(req, orgId, `//localizations/${id}`),
      ...after,
    },
  };
}

/** `GET /branding/localizations`: every branding record, the default `0` first (api-surface 4.4 notes this). */
function listLocalizations(req: GraphRequest, orgId: string) {
  checkOrganization(req, orgId);
  const records = [...req.tenant.collection(BRANDINGS).values()].sort((a, b) =>
    a.id === DEFAULT_LOCALE ? -1 : b.id === DEFAULT_LOCALE ? 1 : String(a.id).localeCompare(String(b.id)),
  );
  return {
    status: 200,
    body: {
      "@odata.context": `${req.baseUrl}/${req.version}/$metadata#organization('${orgId}')/branding/localizations`,
      value: records.map((r) => ({
        "@odata.type": LOCALIZATION_TYPE,
        "@odata.id": brandingAddress(req, orgId, `//localizations/${String(r.id)}`),
        ...serveBranding(req, r, String(r.id)),
      })),
    },
  };
}

function getLocalization(req: GraphRequest, orgId: string, locale: string) {
  checkOrganization(req, orgId);
  const record = findBranding(req.tenant, locale);
  if (record === undefined) throw brandingNotFound(localeKey(locale));
  return {
    status: 200,
    body: {
      "@odata.context": `${req.baseUrl}/${req.version}/$metadata#organization('${orgId}')/branding/localizations/$entity`,
      "@odata.type": LOCALIZATION_TYPE,
      "@odata.id": brandingAddress(
        req,
        orgId,
        `//localizations('${String(record.id)}')/${String(record.id)}`,
      ),
      ...serveBranding(req, record, String(record.id)),
    },
  };
}

const base = "/organization/{orgId}/branding";
/** Localizations carry their type, as the localization pages' examples show. */
const LOCALIZATION_TYPE = "#microsoft.graph.organizationalBrandingLocalization";
const p = (params: Readonly<Record<string, string>>, name: string): string => params[name] as string;

/** Company branding and its localizations (api-surface 4), v1.0 and beta. */
export const brandingRoutes: GraphRoute[] = [
  {
    method: "GET",
    path: base,
    permissions: BRANDING_READ,
    handle: (req, x) => getBranding(req, p(x, "orgId")),
  },
  {
    method: "PATCH",
    path: base,
    permissions: BRANDING_WRITE,
    handle: (req, x) => updateBranding(req, p(x, "orgId"), requestedLocale(req)),
  },
  {
    method: "DELETE",
    path: base,
    permissions: BRANDING_WRITE,
    handle: (req, x) => deleteBranding(req, p(x, "orgId"), DEFAULT_LOCALE),
  },
  {
    method: "GET",
    path: `${base}/localizations`,
    permissions: BRANDING_READ,
    handle: (req, x) => listLocalizations(req, p(x, "orgId")),
  },
  {
    method: "POST",
    path: `${base}/localizations`,
    permissions: BRANDING_WRITE,
    handle: (req, x) => createLocalization(req, p(x, "orgId")),
  },
  {
    method: "GET",
    path: `${base}/localizations/{locale}`,
    permissions: BRANDING_READ,
    handle: (req, x) => getLocalization(req, p(x, "orgId"), p(x, "locale")),
  },
  {
    method: "PATCH",
    path: `${base}/localizations/{locale}`,
    permissions: BRANDING_WRITE,
    handle: (req, x) => updateBranding(req, p(x, "orgId"), p(x, "locale")),
  },
  {
    method: "DELETE",
    path: `${base}/localizations/{locale}`,
    permissions: BRANDING_WRITE,
    handle: (req, x) => deleteBranding(req, p(x, "orgId"), p(x, "locale")),
  },
];
