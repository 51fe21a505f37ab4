import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { servicePrincipalSchema } from "./service-principal-schema.ts";
import { createServicePrincipal } from "./service-principals-client.ts";

/** `service_principal_create`: the app's identity in the tenant. */
export const createServicePrincipalOperation = defineOperation({
  name: "service_principal_create",
  area: "service-principals",
  title: "Create a service principal",
  description:
    "Creates an app registration's service principal, needed before it can sign in here or be granted permissions.",
  access: "write",
  idempotent: false,
  permissions: ["Application.ReadWrite.All"],
  input: z.object({ appId: z.guid().describe("Client id.") }),
  output: servicePrincipalSchema,
  run: (ctx, input) => createServicePrincipal(ctx.graph, input.appId, { signal: ctx.signal }),
});
