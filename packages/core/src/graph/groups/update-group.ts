import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { idSchema } from "../common.ts";
import { descriptionSchema, displayNameSchema } from "../fields.ts";
import { groupSchema } from "./group-schema.ts";
import { getGroup, updateGroup } from "./groups-client.ts";

/** `group_update`: rename or re-describe a group. */
export const updateGroupOperation = defineOperation({
  name: "group_update",
  area: "groups",
  title: "Update a group",
  description: "Changes a group's display name or description (null clears it); returns the group.",
  access: "write",
  idempotent: true,
  permissions: ["Group.ReadWrite.All"],
  input: z
    .object({
      id: idSchema,
      displayName: displayNameSchema.optional(),
      description: descriptionSchema.nullable().optional(),
    })
    .refine(
      (i) => i.displayName !== undefined || i.description !== undefined,
      "give displayName and/or description",
    ),
  output: groupSchema,
  run: async (ctx, input) => {
    const { id, ...changes } = input;
    await updateGroup(ctx.graph, id, changes, { signal: ctx.signal });
    return getGroup(ctx.graph, id, { signal: ctx.signal });
  },
});
