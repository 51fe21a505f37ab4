import { getOperation } from "../by-id-operations.ts";
import { idSchema } from "../common.ts";
import { groupSchema } from "./group-schema.ts";
import { getGroup } from "./groups-client.ts";

/** `group_get`: one group. */
export const getGroupOperation = getOperation("group_get", "groups", idSchema, groupSchema, {
  title: "Get a group",
  description: "Returns a group by its object id: name, description, kind and when it was created.",
  permissions: ["Group.Read.All"],
  get: (ctx, id) => getGroup(ctx.graph, id, { signal: ctx.signal }),
});
