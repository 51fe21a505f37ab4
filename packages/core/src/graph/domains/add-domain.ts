import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { domainNameSchema, domainSchema } from "./domain-schema.ts";
import { addDomain } from "./domains-client.ts";

/** `domain_add`: a custom URL domain, unverified, with the TXT record that proves it. */
export const addDomainOperation = defineOperation({
  name: "domain_add",
  area: "domains",
  title: "Add a custom domain",
  description:
    "Adds a custom URL domain (the host name: login.contoso.com); returns the TXT record to publish, then domain_verify.",
  access: "write",
  idempotent: false,
  permissions: ["Domain.ReadWrite.All"],
  input: z.object({ name: domainNameSchema }),
  output: domainSchema,
  run: (ctx, input) => addDomain(ctx.graph, input.name, { signal: ctx.signal }),
});
