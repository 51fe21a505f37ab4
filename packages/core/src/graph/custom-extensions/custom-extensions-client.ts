/** The custom authentication extensions resource client (`/identity/customAuthenticationExtensions`). */
import type { ListResult } from "../../http/paginate.ts";
import type { RequestOptions, ServiceClient } from "../../http/service-client.ts";
import { segment } from "../common.ts";
import { entitySetClient } from "../entity-set-client.ts";
import { fixesFor } from "./custom-extension-fixes.ts";
import {
  customExtensionMapping,
  extensionFieldsBody,
  type GraphCustomExtension,
} from "./custom-extension-mapping.ts";
import type { CustomExtension } from "./custom-extension-schema.ts";

type Common = Pick<RequestOptions, "signal">;
const PATH = "/identity/customAuthenticationExtensions";
const extensions = entitySetClient<GraphCustomExtension, CustomExtension>(
  PATH,
  customExtensionMapping.fromGraph,
);

/** Every extension of the tenant (read across pages). */
export const listAllCustomExtensions = (
  graph: ServiceClient,
  options: Common = {},
): Promise<CustomExtension[]> => extensions.all(graph, options);

/** A page of extensions. */
export function listCustomExtensions(
  graph: ServiceClient,
  options: Common & { limit: number; cursor?: string | undefined },
): Promise<ListResult<CustomExtension>> {
  return extensions.page(graph, options);
}

/** One extension. */
export const getCustomExtension = extensions.get;

/** Creates an extension from a Graph body (with `@odata.type`). */
export const createCustomExtension = extensions.create;

/** Updates an extension (PATCH with its `@odata.type`, 204). */
export const updateCustomExtension = extensions.update;

/** Deletes an extension. */
export const deleteCustomExtension = extensions.remove;

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
  fixes: string[];
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
          body: extensionFieldsBody(target),
        });
  const errors = body?.errors ?? [];
  const warnings = body?.warnings ?? [];
  return { valid: errors.length === 0, errors, warnings, fixes: fixesFor([...errors, ...warnings]) };
}
