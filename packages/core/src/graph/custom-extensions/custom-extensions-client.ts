/** The custom authentication extensions resource client (`/identity/customAuthenticationExtensions`). */
import type { ListResult } from "../../http/paginate.ts";
import { listPage } from "../../http/paginate.ts";
import type { RequestOptions, ServiceClient } from "../../http/service-client.ts";
import { segment } from "../common.ts";
import {
  type CustomExtension,
  type GraphCustomExtension,
  toCustomExtension,
} from "./custom-extension-schema.ts";

type Common = Pick<RequestOptions, "signal">;
const PATH = "/identity/customAuthenticationExtensions";

/** A page of extensions. */
export async function listCustomExtensions(
  graph: ServiceClient,
  options: Common & { limit: number; cursor?: string | undefined },
): Promise<ListResult<CustomExtension>> {
  const page = await listPage<GraphCustomExtension>(graph, PATH, {
    limit: options.limit,
    cursor: options.cursor,
    signal: options.signal,
  });
  return { ...page, items: page.items.map(toCustomExtension) };
}

/** One extension. */
export async function getCustomExtension(
  graph: ServiceClient,
  id: string,
  options: Common = {},
): Promise<CustomExtension> {
  return toCustomExtension(await graph.get<GraphCustomExtension>(`${PATH}/${segment(id)}`, options));
}

/** Creates an extension from a Graph body (with `@odata.type`). */
export async function createCustomExtension(
  graph: ServiceClient,
  body: Record<string, unknown>,
  options: Common = {},
): Promise<CustomExtension> {
  return toCustomExtension(await graph.post<GraphCustomExtension>(PATH, body, options));
}

/** Updates an extension (PATCH with its `@odata.type`, 204). */
export async function updateCustomExtension(
  graph: ServiceClient,
  id: string,
  body: Record<string, unknown>,
  options: Common = {},
): Promise<void> {
  await graph.patch(`${PATH}/${segment(id)}`, body, options);
}

/** Deletes an extension. */
export function deleteCustomExtension(graph: ServiceClient, id: string, options: Common = {}): Promise<void> {
  return graph.delete(`${PATH}/${segment(id)}`, options);
}

interface Validation {
  errors?: { code: string; message: string }[];
  warnings?: { code: string; message: string }[];
}

/**
 * `validateAuthenticationConfiguration` of an existing extension, or of a draft configuration when no
 * id is given. The action only reads, so it is safe to retry.
 */
export async function validateAuthenticationConfiguration(
  graph: ServiceClient,
  target: { id: string } | { targetUrl: string; resourceId: string },
  options: Common = {},
): Promise<{
  valid: boolean;
  errors: { code: string; message: string }[];
  warnings: { code: string; message: string }[];
}> {
  const body =
    "id" in target
      ? await graph.request<Validation>(
          "POST",
          `${PATH}/${segment(target.id)}/validateAuthenticationConfiguration`,
          { ...options, idempotent: true },
        )
      : await graph.request<Validation>("POST", `${PATH}/validateAuthenticationConfiguration`, {
          ...options,
          idempotent: true,
          body: {
            endpointConfiguration: {
              "@odata.type": "#microsoft.graph.httpRequestEndpoint",
              targetUrl: target.targetUrl,
            },
            authenticationConfiguration: {
              "@odata.type": "#microsoft.graph.azureAdTokenAuthentication",
              resourceId: target.resourceId,
            },
          },
        });
  const errors = body?.errors ?? [];
  return { valid: errors.length === 0, errors, warnings: body?.warnings ?? [] };
}
