import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { authMethodIdSchema, authMethodSchema } from "./auth-method-schema.ts";
import { setAuthMethod } from "./security-client.ts";

/** `security_auth_method_set`: enable or disable a method External ID offers customers. */
export const setAuthMethodOperation = defineOperation({
  name: "security_auth_method_set",
  area: "security",
  title: "Enable or disable an authentication method",
  description:
    "Turns a customer sign-in method on or off: Email (one-time passcode), Sms (text message, MFA).",
  access: "write",
  idempotent: true,
  permissions: ["Policy.ReadWrite.AuthenticationMethod"],
  input: z.object({ id: authMethodIdSchema, state: z.enum(["enabled", "disabled"]) }),
  output: authMethodSchema,
  run: (ctx, input) => setAuthMethod(ctx.graph, input, { signal: ctx.signal }),
});
