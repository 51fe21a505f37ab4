import { z } from "zod";
import { InputError } from "../../input-error.ts";
import { defineOperation } from "../../operations/define-operation.ts";
import { idSchema, segment } from "../common.ts";
import { AUTH_METHOD_IDS } from "./auth-methods.ts";

/** `user_auth_method_remove`: remove a user's email or phone method. */
export const removeAuthMethodOperation = defineOperation({
  name: "user_auth_method_remove",
  area: "users",
  title: "Remove a sign-in method",
  description: "Removes a user's email or phone method; Graph keeps the default one while others remain.",
  access: "destructive",
  idempotent: true,
  permissions: ["UserAuthenticationMethod.ReadWrite.All"],
  input: z.object({
    id: idSchema,
    method: z.enum(["email", "mobile", "alternateMobile", "office", "password"]),
  }),
  output: z.object({ id: z.string(), method: z.string(), removed: z.literal(true) }),
  run: async (ctx, input) => {
    if (input.method === "password")
      throw new InputError(
        "The password method cannot be removed: set a new one with user_password_reset (ciam user password-reset).",
      );
    const kind = input.method === "email" ? "emailMethods" : "phoneMethods";
    await ctx.graph.delete(
      `/users/${segment(input.id)}/authentication/${kind}/${AUTH_METHOD_IDS[input.method]}`,
      { signal: ctx.signal },
    );
    return { id: input.id, method: input.method, removed: true as const };
  },
});
