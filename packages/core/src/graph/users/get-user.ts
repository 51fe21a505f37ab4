import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { idSchema, selectSchema } from "../common.ts";
import { userSchema } from "./user-schema.ts";
import { getUser } from "./users-client.ts";

/** `user_get`: one user by id or userPrincipalName. */
export const getUserOperation = defineOperation({
  name: "user_get",
  area: "users",
  title: "Get a user",
  description:
    "Returns a user by object id or userPrincipalName, with default properties or those in `select`.",
  access: "read",
  permissions: ["User.Read.All"],
  input: z.object({ id: idSchema.describe("Object id or userPrincipalName."), select: selectSchema }),
  output: userSchema,
  run: (ctx, input) => getUser(ctx.graph, input.id, { select: input.select, signal: ctx.signal }),
});
