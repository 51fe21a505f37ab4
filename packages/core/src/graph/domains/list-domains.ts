import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { domainSchema } from "./domain-schema.ts";
import { listDomains } from "./domains-client.ts";

/** `domain_list`: the tenant's domains and their verification state. */
export const listDomainsOperation = defineOperation({
  name: "domain_list",
  area: "domains",
  title: "List domains",
  description:
    "The tenant's domains (onmicrosoft.com, custom URL ones): verified or not, and the TXT record an unverified one needs.",
  access: "read",
  permissions: ["Domain.Read.All"],
  input: z.object({}),
  output: z.object({ items: z.array(domainSchema) }),
  run: async (ctx) => ({ items: await listDomains(ctx.graph, { signal: ctx.signal }) }),
});
