import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { readHostFile } from "../../operations/host-file.ts";
import { hostPath } from "../../operations/host-paths.ts";
import { InvalidInputError } from "../../operations/run-operation.ts";
import { putPolicy } from "./trust-framework-client.ts";
import { policyIdOf } from "./trust-framework-mapping.ts";
import { B2C_ONLY } from "./trust-framework-schema.ts";

const NAME = "trust_framework_policy_upload";

/** The largest policy document accepted, as a file or inline (B2C custom policies stay well under it). */
const POLICY_MAX_BYTES = 1024 * 1024;

/** `trust_framework_policy_upload`: create or replace a custom policy from its XML. */
export const uploadPolicyOperation = defineOperation({
  name: NAME,
  area: "trust-framework",
  title: "Upload a B2C custom policy",
  description: `Creates or replaces a custom policy from its XML, by its PolicyId; upload base policies first. ${B2C_ONLY}`,
  access: "write",
  idempotent: true,
  permissions: ["Policy.ReadWrite.TrustFramework"],
  input: z
    .object({
      file: hostPath("read", "Path of the XML file.").optional(),
      xml: z.string().min(1).max(POLICY_MAX_BYTES).optional().describe("The policy XML."),
    })
    .refine((v) => (v.file === undefined) !== (v.xml === undefined), "give exactly one of file, xml"),
  output: z.object({ id: z.string(), created: z.boolean() }),
  run: async (ctx, input) => {
    let xml = input.xml;
    if (input.file !== undefined) {
      const bytes = await readHostFile(input.file, {
        operation: NAME,
        field: "file",
        maxBytes: POLICY_MAX_BYTES,
      });
      xml = new TextDecoder().decode(bytes);
    }
    const id = policyIdOf(xml ?? "");
    if (id === undefined)
      throw new InvalidInputError(NAME, [
        "xml: not a <TrustFrameworkPolicy> with a PolicyId starting with B2C_1A_",
      ]);
    const { created } = await putPolicy(ctx.graphBeta, id, xml as string, { signal: ctx.signal });
    return { id, created };
  },
});
