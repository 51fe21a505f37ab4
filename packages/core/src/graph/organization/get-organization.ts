import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { getOrganization } from "./organization-client.ts";
import { organizationSchema } from "./organization-schema.ts";

/** `organization_get`: the tenant's organization object. */
export const getOrganizationOperation = defineOperation({
  name: "organization_get",
  area: "organization",
  title: "Get the tenant's organization",
  description:
    "Returns the tenant's organization (id, name, tenant type: CIAM for external, verified domains): which tenant this is.",
  access: "read",
  permissions: ["Organization.Read.All"],
  input: z.object({}),
  output: organizationSchema,
  run: (ctx) => getOrganization(ctx.graph, { signal: ctx.signal }),
});
