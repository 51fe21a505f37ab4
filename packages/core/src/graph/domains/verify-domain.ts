import { z } from "zod";
import { ValidationError } from "../../http/errors.ts";
import { defineOperation } from "../../operations/define-operation.ts";
import { domainNameSchema, domainSchema } from "./domain-schema.ts";
import { getDomain, verifyDomain, withTxtRecord } from "./domains-client.ts";

/** `domain_verify`: proves a domain through its published TXT record. */
export const verifyDomainOperation = defineOperation({
  name: "domain_verify",
  area: "domains",
  title: "Verify a custom domain",
  description:
    "Verifies a domain once its TXT record (see domain_add) is published; a verified one is returned as it is.",
  access: "write",
  idempotent: true,
  permissions: ["Domain.ReadWrite.All"],
  input: z.object({ name: domainNameSchema }),
  output: domainSchema,
  run: async (ctx, input) => {
    const signal = ctx.signal;
    const domain = await getDomain(ctx.graph, input.name, { signal });
    if (domain.isVerified) return domain;
    try {
      return await verifyDomain(ctx.graph, input.name, { signal });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const record = (await withTxtRecord(ctx.graph, domain, { signal })).txtRecord;
      if (record === undefined) throw error;
      throw new ValidationError({
        service: error.service,
        status: error.status,
        code: error.code,
        message: `${input.name} is not verified: Microsoft did not find its TXT record. Publish a TXT record at ${record.name} with the value ${record.text} (TTL ${record.ttl}) at your DNS host, wait until it resolves (nslookup -type=TXT ${record.name}), then run domain_verify again.`,
        serviceMessage: error.serviceMessage,
        requestId: error.requestId,
        clientRequestId: error.clientRequestId,
        date: error.date,
        details: error.details,
        request: error.request,
      });
    }
  },
});
