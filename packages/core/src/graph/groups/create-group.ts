import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { groupSchema } from "./group-schema.ts";
import { createGroup } from "./groups-client.ts";

/** mailNickname allows ASCII except `@ ( ) \ [ ] " ; : . < > ,` and space, up to 64 characters. */
function nickname(displayName: string): string {
  const cleaned = displayName
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64);
  return cleaned === "" ? `group-${Date.now()}` : cleaned;
}

/** `group_create`: a security group. */
export const createGroupOperation = defineOperation({
  name: "group_create",
  area: "groups",
  title: "Create a security group",
  description:
    "Creates a security group (a customer segment, app role holders); mailNickname derives from the name. Add members: group_member_add.",
  access: "write",
  idempotent: false,
  permissions: ["Group.ReadWrite.All"],
  input: z.object({
    displayName: z.string().trim().min(1).max(256),
    description: z.string().max(1024).optional(),
    mailNickname: z
      .string()
      .regex(/^[\x21-\x7e]+$/)
      .refine((v) => !/[@()\\[\]";:.<>,]/.test(v), 'must not contain @ ( ) \\ [ ] " ; : . < > ,')
      .max(64)
      .optional(),
  }),
  output: groupSchema,
  run: (ctx, input) =>
    createGroup(
      ctx.graph,
      {
        displayName: input.displayName,
        ...(input.description === undefined ? {} : { description: input.description }),
        mailEnabled: false,
        mailNickname: input.mailNickname ?? nickname(input.displayName),
        securityEnabled: true,
        groupTypes: [],
      },
      { signal: ctx.signal },
    ),
});
