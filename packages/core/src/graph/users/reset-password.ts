import { PASSWORD_PROBLEM_TEXT, passwordPolicyProblem } from "@ciamkit/entra-policy";
import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { idSchema } from "../common.ts";
import { generatedPassword } from "./create-user.ts";
import { updateUser } from "./users-client.ts";

/** `user_password_reset`: a new password for a customer, given or generated (returned once). */
export const resetPasswordOperation = defineOperation({
  name: "user_password_reset",
  area: "users",
  title: "Reset a user's password",
  description:
    "Sets a password (none: generated and returned once), forceChange at next sign-in; ends sessions.",
  access: "write",
  idempotent: false,
  permissions: ["User.ReadWrite.All"],
  input: z.object({
    id: idSchema,
    password: z
      .string()
      .superRefine((pw, ctx) => {
        const problem = passwordPolicyProblem(pw);
        if (problem !== undefined) ctx.addIssue({ code: "custom", message: PASSWORD_PROBLEM_TEXT[problem] });
      })
      .optional()
      .describe("Write-only."),
    forceChange: z.boolean().optional(),
  }),
  output: z.object({ id: z.string(), password: z.string().optional() }),
  secretOutputFields: ["password"],
  run: async (ctx, input) => {
    const password = input.password ?? generatedPassword();
    await updateUser(
      ctx.graph,
      input.id,
      { passwordProfile: { password, forceChangePasswordNextSignIn: input.forceChange === true } },
      { signal: ctx.signal },
    );
    return input.password === undefined ? { id: input.id, password } : { id: input.id };
  },
});
