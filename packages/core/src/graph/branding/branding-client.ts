/** The company branding resource client (Graph `organizationalBranding`, `/organization/{id}/branding`). */
import { errorFromResponse, NotFoundError } from "../../http/errors.ts";
import { responseJson } from "../../http/pipeline.ts";
import type { RequestOptions, ServiceClient } from "../../http/service-client.ts";
import { segment } from "../common.ts";
import { isGuid } from "../fields.ts";
import { brandingMapping, type GraphBranding } from "./branding-mapping.ts";
import type { Branding, BrandingStream } from "./branding-schema.ts";

type Common = Pick<RequestOptions, "signal">;

/**
 * The organization id branding paths hang off: the tenant id itself. A tenant given by domain is
 * looked up (`GET /organization`, which needs Organization.Read.All).
 */
export async function organizationId(
  graph: ServiceClient,
  tenantId: string,
  options: Common = {},
): Promise<string> {
  if (isGuid(tenantId)) return tenantId.toLowerCase();
  const body = await graph.get<{ value?: { id: string }[] }>("/organization", {
    ...options,
    query: { $select: "id" },
  });
  const id = body?.value?.[0]?.id;
  if (id === undefined) throw new Error("Graph returned no organization for this tenant.");
  return id;
}

const base = (orgId: string) => `/organization/${segment(orgId)}/branding`;
/** `0` is the default branding's id in paths and in `Accept-Language`. */
const localePath = (orgId: string, locale: string) => `${base(orgId)}/localizations/${segment(locale)}`;

/**
 * A branding as the sign-in page shows it for a locale: `0` is the default branding; a culture name
 * gives the localization's values over the default's (Graph's `Accept-Language` view).
 */
export function getBranding(
  graph: ServiceClient,
  orgId: string,
  locale = "0",
  options: Common = {},
): Promise<Branding> {
  const headers = { "accept-language": locale };
  return graph.get<GraphBranding>(base(orgId), { ...options, headers }).then(brandingMapping.fromGraph);
}

/** The default branding, or `undefined` when the tenant has none yet (Graph answers 404). */
export async function findBranding(
  graph: ServiceClient,
  orgId: string,
  options: Common = {},
): Promise<Branding | undefined> {
  try {
    return await getBranding(graph, orgId, "0", options);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/** Updates the default branding's strings and objects (PATCH, 204; creates the default when missing). */
export async function updateBranding(
  graph: ServiceClient,
  orgId: string,
  changes: Record<string, unknown>,
  options: Common = {},
): Promise<void> {
  await graph.patch(base(orgId), changes, { ...options, headers: { "accept-language": "0" } });
}

/** Deletes the default branding (its files must be removed first). */
export function deleteBranding(graph: ServiceClient, orgId: string, options: Common = {}): Promise<void> {
  return graph.delete(base(orgId), options);
}

/** Every branding record: the default (`0`) and each localization. */
export async function listLocalizations(
  graph: ServiceClient,
  orgId: string,
  options: Common = {},
): Promise<Branding[]> {
  const body = await graph.get<{ value?: GraphBranding[] }>(`${base(orgId)}/localizations`, options);
  return (body?.value ?? []).map(brandingMapping.fromGraph);
}

/** One localization's own values (not merged with the default). */
export function getLocalization(
  graph: ServiceClient,
  orgId: string,
  locale: string,
  options: Common = {},
): Promise<Branding> {
  return graph.get<GraphBranding>(localePath(orgId, locale), options).then(brandingMapping.fromGraph);
}

/** Creates a localization (201); Graph creates the default branding too when missing. */
export function createLocalization(
  graph: ServiceClient,
  orgId: string,
  body: Record<string, unknown>,
  options: Common = {},
): Promise<Branding> {
  return graph
    .post<GraphBranding>(`${base(orgId)}/localizations`, body, options)
    .then(brandingMapping.fromGraph);
}

/** Updates a localization's strings (PATCH, 204). */
export async function updateLocalization(
  graph: ServiceClient,
  orgId: string,
  locale: string,
  changes: Record<string, unknown>,
  options: Common = {},
): Promise<void> {
  await graph.patch(localePath(orgId, locale), changes, options);
}

/** Deletes a localization. */
export function deleteLocalization(
  graph: ServiceClient,
  orgId: string,
  locale: string,
  options: Common = {},
): Promise<void> {
  return graph.delete(localePath(orgId, locale), options);
}

/** A branding file's bytes and media type, or `undefined` when none was uploaded (Graph answers `200 {}`). */
export async function getBrandingFile(
  graph: ServiceClient,
  orgId: string,
  locale: string,
  stream: BrandingStream,
  options: Common = {},
): Promise<{ contentType: string; bytes: Uint8Array } | undefined> {
  const response = await graph.send("GET", `${localePath(orgId, locale)}/${stream}`, {
    ...options,
    headers: { accept: "*/*" },
  });
  if (response.status < 200 || response.status >= 300) throw errorFromResponse(response);
  const contentType = response.headers.get("content-type") ?? "application/octet-stream";
  if (/json/i.test(contentType)) {
    const body = responseJson(response);
    if (body === undefined || (typeof body === "object" && body !== null && Object.keys(body).length === 0))
      return undefined;
  }
  return { contentType: contentType.split(";")[0]?.trim() ?? contentType, bytes: response.body };
}

/** Uploads a branding file (`PUT …/localizations/{locale}/{stream}` with its media type, 204). */
export async function setBrandingFile(
  graph: ServiceClient,
  orgId: string,
  locale: string,
  stream: BrandingStream,
  bytes: Uint8Array,
  contentType: string,
  options: Common = {},
): Promise<void> {
  await graph.request("PUT", `${localePath(orgId, locale)}/${stream}`, {
    ...options,
    body: bytes,
    headers: { "content-type": contentType },
  });
}

/** Removes a branding file. */
export function removeBrandingFile(
  graph: ServiceClient,
  orgId: string,
  locale: string,
  stream: BrandingStream,
  options: Common = {},
): Promise<void> {
  return graph.delete(`${localePath(orgId, locale)}/${stream}`, options);
}
