/**
 * The boolean custom attribute that marks users whose password is still to be migrated
 * (`RequiresMigration` by default): the onPasswordSubmit listener's `migrationPropertyId` and what
 * `migration_status` counts. Its user property is `extension_<b2c-extensions-app appId without dashes>_<Name>`.
 */
import { z } from "zod";
import type { ServiceClient } from "../../http/service-client.ts";
import { customAttributeKey } from "../user-flow-attributes/user-flow-attribute-mapping.ts";
import {
  customAttributeNameSchema,
  type UserFlowAttribute,
} from "../user-flow-attributes/user-flow-attribute-schema.ts";
import { listAttributes } from "../user-flow-attributes/user-flow-attributes-client.ts";

/** The default name of the migration flag (Microsoft's guide and kit use it). */
export const DEFAULT_FLAG_ATTRIBUTE = "RequiresMigration";

/** The `attribute` input of the migration operations. */
export const flagAttributeSchema = customAttributeNameSchema.default(DEFAULT_FLAG_ATTRIBUTE);

/** The tenant's custom attribute of this name (display name, spaces and case ignored), if any. */
export async function findFlagAttribute(
  graph: ServiceClient,
  name: string,
  signal?: AbortSignal,
): Promise<UserFlowAttribute | undefined> {
  const key = customAttributeKey(name);
  return (await listAttributes(graph, { type: "custom", signal })).find(
    (a) => customAttributeKey(a.displayName ?? "") === key,
  );
}

/** Users' counts by the flag's value. */
export const flagCountsSchema = z.object({
  pending: z.number().int(),
  migrated: z.number().int(),
  unset: z.number().int(),
  total: z.number().int(),
});
