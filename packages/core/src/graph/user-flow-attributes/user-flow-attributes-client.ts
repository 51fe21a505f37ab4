/** The user-flow attributes resource client (`/identity/userFlowAttributes`, api-surface 3.1). */
import { eq } from "../../http/odata.ts";
import { paginate } from "../../http/paginate.ts";
import type { RequestOptions, ServiceClient } from "../../http/service-client.ts";
import { segment } from "../common.ts";
import {
  type GraphUserFlowAttribute,
  type UserFlowAttributeCreate,
  userFlowAttributeMapping,
} from "./user-flow-attribute-mapping.ts";
import type { UserFlowAttribute } from "./user-flow-attribute-schema.ts";

type Common = Pick<RequestOptions, "signal">;
const PATH = "/identity/userFlowAttributes";
const toUserFlowAttribute = userFlowAttributeMapping.fromGraph;

/** Every attribute, or only built-in or custom ones (`$filter` on userFlowAttributeType). */
export async function listAttributes(
  graph: ServiceClient,
  options: Common & { type?: "builtIn" | "custom" | undefined } = {},
): Promise<UserFlowAttribute[]> {
  const query =
    options.type === undefined ? undefined : { $filter: String(eq("userFlowAttributeType", options.type)) };
  const out: UserFlowAttribute[] = [];
  for await (const raw of paginate<GraphUserFlowAttribute>(graph, PATH, { query, signal: options.signal })) {
    out.push(toUserFlowAttribute(raw));
  }
  return out;
}

/** An attribute by id. */
export async function getAttribute(
  graph: ServiceClient,
  id: string,
  options: Common & { readAfterWrite?: boolean | undefined } = {},
): Promise<UserFlowAttribute> {
  return toUserFlowAttribute(await graph.get<GraphUserFlowAttribute>(`${PATH}/${segment(id)}`, options));
}

/** Creates a custom attribute. */
export async function createAttribute(
  graph: ServiceClient,
  spec: UserFlowAttributeCreate,
  options: Common = {},
): Promise<UserFlowAttribute> {
  const body = userFlowAttributeMapping.toGraphCreate(spec);
  return toUserFlowAttribute(await graph.post<GraphUserFlowAttribute>(PATH, body, options));
}

/** Changes a custom attribute's description (the only updatable property). */
export async function updateAttributeDescription(
  graph: ServiceClient,
  id: string,
  description: string | null,
  options: Common = {},
): Promise<void> {
  await graph.patch(
    `${PATH}/${segment(id)}`,
    userFlowAttributeMapping.toGraphPatch({ description }),
    options,
  );
}

/** Deletes a custom attribute. */
export function deleteAttribute(graph: ServiceClient, id: string, options: Common = {}): Promise<void> {
  return graph.delete(`${PATH}/${segment(id)}`, options);
}
