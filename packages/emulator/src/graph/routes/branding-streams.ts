import type { Json } from "../../store/json.ts";
import { auditBranding } from "../branding/branding-changes.ts";
import {
  BRANDING_STREAMS,
  BRANDINGS,
  checkOrganization,
  DEFAULT_LOCALE,
  ensureDefault,
  findBranding,
  localeKey,
  relativeUrl,
  streamOf,
} from "../branding/branding-records.ts";
import {
  BRANDING_CDNS,
  type BrandingStream,
  STREAM_RULES,
  streamNamed,
} from "../branding/branding-streams.ts";
import { imageInfo } from "../branding/image-info.ts";
import { typeProperties } from "../entities/shape.ts";
import { notFound, unknownSegment } from "../graph-errors.ts";
import { GraphError, type GraphRequest, type GraphResult, type GraphRoute } from "../route.ts";
import { BRANDING_READ, BRANDING_WRITE } from "./branding.ts";

const IMAGE_TYPES: Readonly<Record<string, string | undefined>> = {
  "image/png": "png",
  "image/jpeg": "jpeg",
  "image/jpg": "jpeg",
  "image/pjpeg": "jpeg",
  "image/x-icon": "ico",
  "image/vnd.microsoft.icon": "ico",
  "image/*": undefined,
};

function stream(segment: string): BrandingStream {
  const s = streamNamed(segment);
  if (s === undefined) throw unknownSegment(segment);
  return s;
}

/** A structural property of a localization by its name, matched without case (`signInPageText`). */
function propertyNamed(segment: string): string | undefined {
  const lower = segment.toLowerCase();
  return Object.keys(typeProperties("organizationalBrandingLocalization")).find(
    (n) => n.toLowerCase() === lower,
  );
}

/** The record a stream belongs to: the default is created on first upload, a localization must exist. */
function owner(req: GraphRequest, orgId: string, locale: string) {
  checkOrganization(req, orgId);
  const key = localeKey(locale);
  const record = key === DEFAULT_LOCALE ? ensureDefault(req.tenant) : findBranding(req.tenant, key);
  if (record === undefined) {
    throw notFound(locale);
  }
  return record;
}

/** Checks an upload against the stream's rule (api-surface 4.2): media type, real format by magic bytes, size, dimensions. */
function checkUpload(name: BrandingStream, contentType: string, bytes: Buffer): void {
  const rule = STREAM_RULES[name];
  const fail = (status: number, message: string) => new GraphError(status, "Request_BadRequest", message);
  if (rule.maxBytes !== undefined && bytes.length > rule.maxBytes) {
    throw fail(400, `${name} is ${bytes.length} bytes; the maximum is ${rule.maxBytes} bytes.`);
  }
  if (rule.formats.includes("css")) {
    if (contentType !== "text/css")
      throw fail(415, `${name} must be uploaded as text/css, not '${contentType}'.`);
    if (bytes.toString("utf8").includes("\uFFFD") || bytes.includes(0)) {
      throw fail(400, `${name} must be UTF-8 text.`);
    }
    return;
  }
  if (!Object.hasOwn(IMAGE_TYPES, contentType)) {
    throw fail(
      415,
      `${name} must be uploaded as image/png or image/jpeg (or image/*), not '${contentType}'.`,
    );
  }
  const info = imageInfo(bytes);
  if (info === undefined || !rule.formats.includes(info.format)) {
    throw fail(
      400,
      `${name} must be a ${rule.formats.join(" or ").toUpperCase()} image; the bytes are not one.`,
    );
  }
  const declared = IMAGE_TYPES[contentType];
  if (declared !== undefined && declared !== info.format) {
    throw fail(400, `${name} was sent as ${contentType} but the bytes are ${info.format.toUpperCase()}.`);
  }
  if (
    (rule.maxWidth !== undefined && info.width > rule.maxWidth) ||
    (rule.maxHeight !== undefined && info.height > rule.maxHeight)
  ) {
    throw fail(
      400,
      `${name} is ${info.width}×${info.height} px; the maximum is ${rule.maxWidth}×${rule.maxHeight} px.`,
    );
  }
}

/** `PUT …/localizations/{locale}/{stream}` (204): stores the file and sets `{stream}RelativeUrl`; an empty body removes it. */
function putStream(req: GraphRequest, orgId: string, locale: string, segment: string): GraphResult {
  const name = stream(segment);
  const record = owner(req, orgId, locale);
  const id = String(record.id);
  if (req.rawBody.length === 0) return removeStream(req, orgId, locale, segment);
  const contentType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  checkUpload(name, contentType, req.rawBody);
  req.tenant.collection(BRANDING_STREAMS).put(`${id}/${name}`, {
    contentType: contentType === "image/*" || contentType === "" ? sniffedType(req.rawBody) : contentType,
    data: req.rawBody.toString("base64"),
  });
  const after = {
    ...record,
    [`${name}RelativeUrl`]: relativeUrl(req.tenant.info.id, id, name, req.now()),
    cdnList: BRANDING_CDNS,
  };
  req.tenant.collection(BRANDINGS).put(id, after);
  auditBranding(req, "Update", id, record, after, [`${name}RelativeUrl`]);
  return { status: 204 };
}

function sniffedType(bytes: Buffer): string {
  const format = imageInfo(bytes)?.format;
  return format === "png" ? "image/png" : format === "ico" ? "image/x-icon" : "image/jpeg";
}

/** `DELETE …/{stream}` (204): removes the file and clears its relative URL. */
function removeStream(req: GraphRequest, orgId: string, locale: string, segment: string): GraphResult {
  const name = stream(segment);
  const record = owner(req, orgId, locale);
  const id = String(record.id);
  if (req.tenant.collection(BRANDING_STREAMS).delete(`${id}/${name}`)) {
    const after = { ...record, [`${name}RelativeUrl`]: null };
    req.tenant.collection(BRANDINGS).put(id, after);
    auditBranding(req, "Update", id, record, after, [`${name}RelativeUrl`]);
  }
  return { status: 204 };
}

/** `GET …/{stream}`: the bytes with their media type; `200 {}` when nothing was uploaded, as the docs show (api-surface 4.4). */
function getStream(req: GraphRequest, orgId: string, locale: string, segment: string): GraphResult {
  checkOrganization(req, orgId);
  const record = findBranding(req.tenant, locale);
  if (record === undefined) {
    throw notFound(locale);
  }
  // `GET …/localizations/{id}/signInPageText`: one structural property as `{ value }` (OData's
  // property request), as the localization page's example does.
  const property = streamNamed(segment) === undefined ? propertyNamed(segment) : undefined;
  if (property !== undefined) {
    return {
      status: 200,
      body: {
        "@odata.context": `${req.baseUrl}/${req.version}/$metadata#organization('${orgId}')/branding/localizations('${String(record.id)}')/${property}`,
        value: (record[property] ?? null) as Json,
      },
    };
  }
  const name = stream(segment);
  const file = streamOf(req.tenant, String(record.id), name);
  if (file === undefined) return { status: 200, body: {} };
  return { status: 200, headers: { "content-type": file.contentType }, body: file.data };
}

const loc = "/organization/{orgId}/branding/localizations/{locale}/{stream}";
// An older version of the docs wrote streams on the default branding directly (api-surface 4.3: accept both).
const legacy = "/organization/{orgId}/branding/{stream}";
const p = (params: Readonly<Record<string, string>>, name: string): string => params[name] as string;

/** Branding image and CSS streams (api-surface 4.3, 4.4). */
export const brandingStreamRoutes: GraphRoute[] = [
  {
    method: "PUT",
    path: loc,
    permissions: BRANDING_WRITE,
    handle: (req, x) => putStream(req, p(x, "orgId"), p(x, "locale"), p(x, "stream")),
  },
  {
    method: "GET",
    path: loc,
    permissions: BRANDING_READ,
    handle: (req, x) => getStream(req, p(x, "orgId"), p(x, "locale"), p(x, "stream")),
  },
  {
    method: "DELETE",
    path: loc,
    permissions: BRANDING_WRITE,
    handle: (req, x) => removeStream(req, p(x, "orgId"), p(x, "locale"), p(x, "stream")),
  },
  ...(["PUT", "PATCH"] as const).map(
    (method): GraphRoute => ({
      method,
      path: legacy,
      permissions: BRANDING_WRITE,
      handle: (req, x) => putStream(req, p(x, "orgId"), DEFAULT_LOCALE, p(x, "stream")),
    }),
  ),
  {
    method: "GET",
    path: legacy,
    permissions: BRANDING_READ,
    handle: (req, x) => getStream(req, p(x, "orgId"), DEFAULT_LOCALE, p(x, "stream")),
  },
];
