import { z } from "zod";
import { eq } from "../../http/odata.ts";
import type { ServiceClient } from "../../http/service-client.ts";
import { InputError } from "../../input-error.ts";
import { defineOperation } from "../../operations/define-operation.ts";
import { findFlagAttribute, flagAttributeSchema, flagCountsSchema } from "./flag-attribute.ts";

const PERMISSIONS = ["User.Read.All", "IdentityUserFlow.Read.All"];

/**
 * How many users match a filter: `$count=true` with `ConsistencyLevel: eventual`, the advanced query
 * Graph requires to filter on an extension property or count
 * (https://learn.microsoft.com/graph/aad-advanced-queries); one item is read, the count comes back.
 */
async function countUsers(graph: ServiceClient, filter: string | undefined, signal?: AbortSignal) {
  const page = await graph.get<{ "@odata.count"?: number }>("/users", {
    query: { $count: "true", $top: 1, $select: "id", ...(filter === undefined ? {} : { $filter: filter }) },
    headers: { ConsistencyLevel: "eventual" },
    signal,
    requiredPermissions: PERMISSIONS,
  });
  const count = page?.["@odata.count"];
  if (typeof count !== "number") throw new Error("Graph answered without @odata.count.");
  return count;
}

/** `migration_status`: how far just-in-time password migration has come. */
export const migrationStatusOperation = defineOperation({
  name: "migration_status",
  area: "migration",
  title: "Report password migration progress",
  description:
    "Counts users whose migration flag is still true (pending), false (migrated) or unset. Once pending is 0, remove the JIT listener and extension.",
  access: "read",
  permissions: PERMISSIONS,
  input: z.object({ attribute: flagAttributeSchema }),
  output: flagCountsSchema.extend({ property: z.string() }),
  run: async (ctx, input) => {
    const attribute = await findFlagAttribute(ctx.graph, input.attribute, ctx.signal);
    if (attribute === undefined)
      throw new InputError(
        `attribute: the tenant has no custom attribute ${input.attribute}; create it with migration_jit_setup (ciam migrate jit setup).`,
      );
    const property = attribute.id;
    const [pending, migrated, total] = await Promise.all([
      countUsers(ctx.graph, String(eq(property, true)), ctx.signal),
      countUsers(ctx.graph, String(eq(property, false)), ctx.signal),
      countUsers(ctx.graph, undefined, ctx.signal),
    ]);
    return { property, pending, migrated, unset: total - pending - migrated, total };
  },
});
