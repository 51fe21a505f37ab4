import { z } from "zod";
import { maxConcurrencySchema } from "../../bulk/import-input.ts";
import { importReportSchema, summarizeReport } from "../../bulk/import-report.ts";
import { dryRunSchema, onConflictSchema } from "../../bulk/user-import-operation.ts";
import { connectNamedProfile } from "../../connection/command-line.ts";
import { InputError } from "../../input-error.ts";
import { defineOperation } from "../../operations/define-operation.ts";
import { hostPath } from "../../operations/host-paths.ts";
import { profileNameSchema } from "../../profiles/profile-schema.ts";
import { ProfileError } from "../../profiles/profile-store.ts";
import { customAttributeNameSchema } from "../user-flow-attributes/user-flow-attribute-schema.ts";
import { type MigrationTenant, migrateUsers } from "./migrate-users.ts";

/** A profile's client, or an input error naming the field (an unknown profile changes nothing). */
function openProfile(field: "from" | "to", name: string) {
  try {
    return connectNamedProfile(name);
  } catch (error) {
    if (error instanceof ProfileError) throw new InputError(`${field}: ${error.message}`);
    throw error;
  }
}

/** `migration_users`: a B2C tenant's users into this External ID tenant, through the bulk engine. */
export const migrateUsersOperation = defineOperation({
  name: "migration_users",
  area: "migration",
  title: "Migrate B2C users",
  description:
    "Copies a B2C tenant's users with identities and custom attributes; local accounts get a random password and the JIT flag.",
  access: "write",
  idempotent: false,
  permissions: ["User.ReadWrite.All", "IdentityUserFlow.ReadWrite.All", "Organization.Read.All"],
  input: z.object({
    from: profileNameSchema.describe("B2C tenant's profile (ciam login)."),
    to: profileNameSchema.optional().describe("Target profile; default: this tenant."),
    dryRun: dryRunSchema,
    onConflict: onConflictSchema,
    sourceIdAttribute: customAttributeNameSchema.default("B2CObjectId"),
    flagAttribute: customAttributeNameSchema.default("RequiresMigration"),
    journalFile: hostPath("write", "Journal a rerun resumes from (delete it to start over).").optional(),
    reportFile: hostPath("write", "Where to write the JSON report.").optional(),
    maxConcurrency: maxConcurrencySchema,
  }),
  // user_import's report, so MCP lists its shape once (ADR 0005); the attributes created are in the summary.
  output: importReportSchema.extend({ summary: z.string() }),
  run: async (ctx, input) => {
    const source = openProfile("from", input.from);
    const target = input.to === undefined ? undefined : openProfile("to", input.to);
    try {
      const to: MigrationTenant = target?.client ?? ctx;
      const report = await migrateUsers(source.client, to, {
        ...input,
        signal: ctx.signal,
        onProgress: ctx.onProgress,
      });
      const { attributesCreated, ...counts } = report;
      const created =
        attributesCreated.length === 0
          ? ""
          : `\nCustom attributes ${input.dryRun ? "to create" : "created"} in the target: ${attributesCreated.join(", ")}.`;
      return { ...counts, summary: `${summarizeReport(report)}${created}` };
    } finally {
      await source.close();
      await target?.close();
    }
  },
});
