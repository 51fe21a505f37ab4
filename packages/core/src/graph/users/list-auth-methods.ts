import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { idSchema, segment } from "../common.ts";
import { authMethodSchema, fromGraphMethod } from "./auth-methods.ts";

/** `user_auth_method_list`: how a user can sign in and verify (password, email, phone). */
export const listAuthMethodsOperation = defineOperation({
  name: "user_auth_method_list",
  area: "users",
  title: "List a user's authentication methods",
  description: "Lists the user's password, email and phone methods.",
  access: "read",
  permissions: ["UserAuthenticationMethod.Read.All"],
  input: z.object({ id: idSchema.describe("Object id or userPrincipalName.") }),
  output: z.object({ items: z.array(authMethodSchema) }),
  run: async (ctx, input) => {
    const page = await ctx.graph.get<{ value: Record<string, unknown>[] }>(
      `/users/${segment(input.id)}/authentication/methods`,
      { signal: ctx.signal },
    );
    return { items: page.value.map(fromGraphMethod) };
  },
});
