import { readFile } from "node:fs/promises";
import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { InvalidInputError } from "../../operations/run-operation.ts";
import { putPolicy } from "./trust-framework-client.ts";
import { B2C_ONLY } from "./trust-framework-schema.ts";

const NAME = "trust_framework_policy_upload";

/** The `PolicyId` of a TrustFrameworkPolicy document, read before anything is sent. */
export function policyIdOf(xml: string): string | undefined {
  const root = /<TrustFrameworkPolicy\b[^>]*>/.exec(xml)?.[0];
  return root === undefined ? undefined : /\sPolicyId\s*=\s*"(B2C_1A_[A-Za-z0-9_-]+)"/i.exec(root)?.[1];
}

/** `trust_framework_policy_upload`: create or replace a custom policy from its XML. */
export const uploadPolicyOperation = defineOperation({
  name: NAME,
  area: "trust-framework",
  title: "Upload a B2C custom policy",
  description: `Creates or replaces a custom policy from its XML (file or text), by its PolicyId; upload base policies first. ${B2C_ONLY}`,
  access: "write",
  idempotent: true,
  permissions: ["Policy.ReadWrite.TrustFramework"],
  input: z
    .object({
      file: z.string().min(1).optional().describe("Path of the XML file."),
      xml: z.string().min(1).optional().describe("The policy XML."),
    })
    .refine((v) => (v.file === undefined) !== (v.xml === undefined), "give exactly one of file, xml"),
  output: z.object({ id: z.string(), created: z.boolean() }),
  run: async (ctx, input) => {
    let xml = input.xml;
    if (input.file !== undefined) {
      try {
        xml = await readFile(input.file, "utf8");
      } catch (error) {
        throw new InvalidInputError(NAME, [
          `file: cannot read ${input.file} (${(error as NodeJS.ErrnoException).code ?? "error"})`,
        ]);
      }
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
