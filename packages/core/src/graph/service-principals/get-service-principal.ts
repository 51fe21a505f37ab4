import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { servicePrincipalSchema } from "./service-principal-schema.ts";
import { requireServicePrincipal } from "./service-principals-client.ts";

/** `service_principal_get`: a service principal by appId. */
export const getServicePrincipalOperation = defineOperation({
  name: "service_principal_get",
  area: "service-principals",
  title: "Get a service principal by app id",
  description:
    "Returns the service principal of an app (client) id, e.g. its object id for grants; not found says how to create it.",
  access: "read",
  permissions: ["Application.Read.All"],
  input: z.object({ appId: z.guid().describe("Client id.") }),
  output: servicePrincipalSchema,
  run: (ctx, input) => requireServicePrincipal(ctx.graph, input.appId, { signal: ctx.signal }),
});
