import { z } from "zod";
import { importReportSchema, summarizeReport } from "../../bulk/import-report.ts";
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
  title: "Migrate users from Azure AD B2C",
  description:
    "Copies a B2C tenant's users (profile `from`) here: identities, custom attributes, source id; local accounts get RequiresMigration and a random password for JIT migration. Paced, resumable. Try dryRun first.",
  access: "write",
  idempotent: false,
  permissions: ["User.ReadWrite.All", "IdentityUserFlow.ReadWrite.All", "Organization.Read.All"],
  input: z.object({
    from: profileNameSchema.describe("Profile (ciam login) of the B2C tenant to read."),
    to: profileNameSchema.optional().describe("Profile of the target; default: this tenant."),
    dryRun: z.boolean().default(false).describe("Read, map and check without writing."),
    onConflict: z
      .enum(["skip", "update", "fail"])
      .default("skip")
      .describe("When the source user exists in the target: skip, update its profile, or count it failed."),
    sourceIdAttribute: customAttributeNameSchema.default("B2CObjectId"),
    flagAttribute: customAttributeNameSchema.default("RequiresMigration"),
    journalFile: hostPath("write", "Journal a rerun resumes from (delete it to start over).").optional(),
    reportFile: hostPath("write", "Where to write the JSON report.").optional(),
    maxConcurrency: z.number().int().min(1).max(32).default(8),
  }),
  output: importReportSchema.extend({ attributesCreated: z.array(z.string()), summary: z.string() }),
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
      return { ...report, summary: summarizeReport(report) };
    } finally {
      await source.close();
      await target?.close();
    }
  },
});
