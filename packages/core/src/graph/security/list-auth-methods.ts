import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { authMethodSchema } from "./auth-method-schema.ts";
import { listAuthMethods } from "./security-client.ts";

/** `security_auth_method_list`: the authentication methods policy, method by method. */
export const listAuthMethodsOperation = defineOperation({
  name: "security_auth_method_list",
  area: "security",
  title: "List authentication methods",
  description: "Each method of the tenant's authentication methods policy and whether it is enabled.",
  access: "read",
  permissions: ["Policy.Read.AuthenticationMethod"],
  input: z.object({}),
  output: z.object({ items: z.array(authMethodSchema) }),
  run: async (ctx) => ({ items: await listAuthMethods(ctx.graph, { signal: ctx.signal }) }),
});
