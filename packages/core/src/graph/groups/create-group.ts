import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { descriptionSchema, displayNameSchema } from "../fields.ts";
import { groupSchema } from "./group-schema.ts";
import { createGroup } from "./groups-client.ts";

/** `group_create`: a security group. */
export const createGroupOperation = defineOperation({
  name: "group_create",
  area: "groups",
  title: "Create a security group",
  description: "Creates a security group (a customer segment, app role holders) named displayName.",
  access: "write",
  idempotent: false,
  permissions: ["Group.ReadWrite.All"],
  input: z.object({
    displayName: displayNameSchema,
    description: descriptionSchema.optional(),
    mailNickname: z
      .string()
      .regex(/^[\x21-\x7e]+$/)
      .refine((v) => !/[@()\\[\]";:.<>,]/.test(v), 'must not contain @ ( ) \\ [ ] " ; : . < > ,')
      .max(64)
      .optional(),
  }),
  output: groupSchema,
  run: (ctx, input) => createGroup(ctx.graph, input, { signal: ctx.signal }),
});
