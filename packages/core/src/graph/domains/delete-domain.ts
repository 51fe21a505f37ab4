import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { deleted, deletedSchema } from "../common.ts";
import { domainNameSchema } from "./domain-schema.ts";
import { deleteDomain } from "./domains-client.ts";

/** `domain_delete`: removes a custom domain (by name, as the other domain operations take it). */
export const deleteDomainOperation = defineOperation({
  name: "domain_delete",
  area: "domains",
  title: "Delete a custom domain",
  description:
    "Deletes a custom domain by name; Graph refuses the initial and default ones and one used in sign-in names.",
  access: "destructive",
  idempotent: true,
  permissions: ["Domain.ReadWrite.All"],
  input: z.object({ name: domainNameSchema }),
  output: deletedSchema,
  run: async (ctx, input) => {
    await deleteDomain(ctx.graph, input.name, { signal: ctx.signal });
    return deleted(input.name);
  },
});
