import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { idSchema } from "../common.ts";
import { groupSchema } from "./group-schema.ts";
import { getGroup } from "./groups-client.ts";

/** `group_get`: one group. */
export const getGroupOperation = defineOperation({
  name: "group_get",
  area: "groups",
  title: "Get a group",
  description: "Returns one group by object id. Fails with a not-found error when it does not exist.",
  access: "read",
  permissions: ["Group.Read.All"],
  input: z.object({ id: idSchema }),
  output: groupSchema,
  run: (ctx, input) => getGroup(ctx.graph, input.id, { signal: ctx.signal }),
});
