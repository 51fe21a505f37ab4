import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { idSchema, selectSchema } from "../common.ts";
import { listAuthMethods } from "./auth-methods.ts";
import { userSchema } from "./user-schema.ts";
import { getUser } from "./users-client.ts";

/** `user_get`: one user by id or userPrincipalName. */
export const getUserOperation = defineOperation({
  name: "user_get",
  area: "users",
  title: "Get a user",
  description:
    "Returns a user with default properties or those in `select`; authMethods adds sign-in methods.",
  access: "read",
  permissions: ["User.Read.All", "UserAuthenticationMethod.Read.All"],
  input: z.object({
    id: idSchema.describe("Object id or userPrincipalName."),
    select: selectSchema,
    authMethods: z.boolean().optional(),
  }),
  output: userSchema,
  run: async (ctx, input) => {
    const user = await getUser(ctx.graph, input.id, { select: input.select, signal: ctx.signal });
    if (input.authMethods !== true) return user;
    return { ...user, authMethods: await listAuthMethods(ctx.graph, input.id, { signal: ctx.signal }) };
  },
});
