import { createHash } from "node:crypto";
import { COLLECTIONS } from "../../store/collection-names.ts";
import type { Json, JsonObject } from "../../store/json.ts";
import type { TenantState } from "../../store/store.ts";
import { blank, typeProperties } from "../entities/shape.ts";
import { notFound } from "../graph-errors.ts";
import { GraphError, type GraphRequest } from "../route.ts";
import { type BrandingStream, STREAM_RULES } from "./branding-streams.ts";

/**
 * Company branding storage. `brandings` holds one record per locale, id `"0"` for the default
 * branding and a culture name (`fr-FR`) for a localization, each in the full
 * `organizationalBrandingLocalization` shape. `_brandingStreams` holds the uploaded files, id
 * `{locale}/{stream}` → `{ contentType, data (base64) }`.
 */
export const BRANDINGS = "brandings";
export const BRANDING_STREAMS = "_brandingStreams";
export const DEFAULT_LOCALE = "0";

/** Properties the service computes; a client writing them gets 400. */
export const BRANDING_READ_ONLY = new Set([
  "id",
  "cdnList",
  ...Object.keys(STREAM_RULES).map((s) => `${s}RelativeUrl`),
]);

/** Maximum lengths of the string properties (api-surface 4.2). */
export const STRING_LIMITS: Readonly<Record<string, number>> = {
  customAccountResetCredentialsUrl: 128,
  customCannotAccessYourAccountText: 256,
  customCannotAccessYourAccountUrl: 128,
  customForgotMyPasswordText: 256,
  customPrivacyAndCookiesText: 256,
  customPrivacyAndCookiesUrl: 128,
  customResetItNowText: 256,
  customTermsOfUseText: 256,
  customTermsOfUseUrl: 128,
  signInPageText: 1024,
  usernameHintText: 64,
};

/** `0` and `default` both name the default branding (api-surface 4.2, `id`). */
export function localeKey(locale: string): string {
  return locale === DEFAULT_LOCALE || locale.toLowerCase() === "default" ? DEFAULT_LOCALE : locale;
}

/** A culture name such as `fr`, `fr-FR`, `zh-Hant-TW` (RFC 1766 / BCP 47 shape). */
export const CULTURE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/i;

/** The organization a branding path names: only the tenant's own id exists. */
export function checkOrganization(req: GraphRequest, orgId: string): void {
  if (req.tenant.collection(COLLECTIONS.organization).get(orgId.toLowerCase()) === undefined) {
    throw notFound(orgId);
  }
}

/** The stored record of a locale (`0` = default), if any; the key is matched case-insensitively. */
export function findBranding(tenant: TenantState, locale: string): JsonObject | undefined {
  const key = localeKey(locale).toLowerCase();
  for (const [id, record] of tenant.collection(BRANDINGS).entries())
    if (id.toLowerCase() === key) return record;
  return undefined;
}

/** A new, empty branding record for a locale. */
export function newBranding(locale: string): JsonObject {
  const record = blank("organizationalBrandingLocalization");
  record.id = locale;
  return record;
}

/** The default branding, created empty when missing (creating a localization does this, api-surface 4.4). */
export function ensureDefault(tenant: TenantState): JsonObject {
  const existing = findBranding(tenant, DEFAULT_LOCALE);
  if (existing !== undefined) return existing;
  const created = newBranding(DEFAULT_LOCALE);
  tenant.collection(BRANDINGS).put(DEFAULT_LOCALE, created);
  return created;
}

/**
 * The branding the sign-in page shows for a locale: the localization's values over the default
 * branding's, a property left unset (null) on the localization falling back to the default (api-surface
 * 4.4, "Inheritance"); a single space is a value, so it overrides.
 */
export function mergedBranding(defaults: JsonObject, localization: JsonObject): JsonObject {
  const out: JsonObject = { ...defaults };
  for (const [name, value] of Object.entries(localization)) {
    if (name === "cdnList") continue;
    if (value !== null) out[name] = value;
  }
  out.id = localization.id ?? null;
  return out;
}

/** The stored bytes of a stream, if uploaded. */
export function streamOf(
  tenant: TenantState,
  locale: string,
  stream: BrandingStream,
): { contentType: string; data: Buffer } | undefined {
  const v = tenant.collection(BRANDING_STREAMS).get(`${locale}/${stream}`);
  if (v === undefined) return undefined;
  return { contentType: String(v.contentType), data: Buffer.from(String(v.data), "base64") };
}

/** Locales of the uploaded streams of one record. */
export function uploadedStreams(tenant: TenantState, locale: string): BrandingStream[] {
  return (Object.keys(STREAM_RULES) as BrandingStream[]).filter(
    (s) => tenant.collection(BRANDING_STREAMS).get(`${locale}/${s}`) !== undefined,
  );
}

/**
 * Serves a branding record: the structural properties, or with `$select` the selected ones, where a
 * stream property is its bytes (base64, null when not uploaded) — streams appear only when selected
 * (api-surface 4.2). `$select` is the only query option branding supports (api-surface 4.3).
 */
export function serveBranding(req: GraphRequest, record: JsonObject, streamLocale: string): JsonObject {
  for (const key of req.query.keys()) {
    if (key.toLowerCase() !== "$select") {
      throw new GraphError(400, "Request_BadRequest", `Query option '${key}' is not supported for branding.`);
    }
  }
  const select = req.query.get("$select") ?? req.query.get("$SELECT");
  if (select === null || select.trim() === "") return { ...record };
  const props = typeProperties("organizationalBrandingLocalization");
  const out: JsonObject = {};
  for (const raw of select.split(",")) {
    const name = raw.trim();
    if (name === "") continue;
    if (Object.hasOwn(STREAM_RULES, name)) {
      const s = streamOf(req.tenant, streamLocale, name as BrandingStream);
      out[name] = s === undefined ? null : s.data.toString("base64");
    } else if (Object.hasOwn(props, name)) out[name] = record[name] as Json;
    else {
      throw new GraphError(
        400,
        "Request_BadRequest",
        `Could not find a property named '${name}' on type 'microsoft.graph.organizationalBrandingLocalization'.`,
      );
    }
  }
  return out;
}

/**
 * The relative URL of an uploaded file, shaped as Graph's (`{tenant key}/logintenantbranding/{locale}/{file}?ts={ticks}`,
 * api-surface App. B): the key is opaque and stable per tenant, `ts` changes with every upload.
 */
export function relativeUrl(tenantId: string, locale: string, stream: BrandingStream, now: Date): string {
  const key = createHash("sha256").update(`branding:${tenantId}`).digest("hex").slice(0, 32);
  const opaque = `${key.slice(0, 8)}-${key.slice(8, 12)}-${key.slice(12, 16)}-${key.slice(16, 20)}-${key.slice(20)}`;
  // .NET ticks: 100 ns units since 0001-01-01, as the CDN URLs carry them.
  const ticks = BigInt(now.getTime()) * 10000n + 621355968000000000n;
  return `${opaque}/logintenantbranding/${locale}/${STREAM_RULES[stream].urlName}?ts=${ticks}`;
}
