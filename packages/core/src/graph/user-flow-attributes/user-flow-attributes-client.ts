/** The user-flow attributes resource client (`/identity/userFlowAttributes`, api-surface 3.1). */
import { eq } from "../../http/odata.ts";
import type { RequestOptions, ServiceClient } from "../../http/service-client.ts";
import { entitySetClient } from "../entity-set-client.ts";
import {
  type GraphUserFlowAttribute,
  type UserFlowAttributeCreate,
  userFlowAttributeMapping,
} from "./user-flow-attribute-mapping.ts";
import type { UserFlowAttribute } from "./user-flow-attribute-schema.ts";

type Common = Pick<RequestOptions, "signal">;
const attributes = entitySetClient<GraphUserFlowAttribute, UserFlowAttribute>(
  "/identity/userFlowAttributes",
  userFlowAttributeMapping.fromGraph,
);

/** Every attribute, or only built-in or custom ones (`$filter` on userFlowAttributeType). */
export function listAttributes(
  graph: ServiceClient,
  options: Common & { type?: "builtIn" | "custom" | undefined } = {},
): Promise<UserFlowAttribute[]> {
  const filter = options.type === undefined ? undefined : String(eq("userFlowAttributeType", options.type));
  return attributes.all(graph, { filter, signal: options.signal });
}

/** An attribute by id. */
export const getAttribute = attributes.get;

/** Creates a custom attribute. */
export function createAttribute(
  graph: ServiceClient,
  spec: UserFlowAttributeCreate,
  options: Common = {},
): Promise<UserFlowAttribute> {
  return attributes.create(graph, userFlowAttributeMapping.toGraphCreate(spec), options);
}

/** Changes a custom attribute's description (the only updatable property). */
export function updateAttributeDescription(
  graph: ServiceClient,
  id: string,
  description: string | null,
  options: Common = {},
): Promise<void> {
  return attributes.update(graph, id, userFlowAttributeMapping.toGraphPatch({ description }), options);
}

/** Deletes a custom attribute. */
export const deleteAttribute = attributes.remove;
