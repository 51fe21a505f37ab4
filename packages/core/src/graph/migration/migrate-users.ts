/**
 * `migrateUsers`: copies an Azure AD B2C tenant's users into an External ID tenant through the bulk
 * import engine (ADR 0008): the source's users are streamed page by page, mapped (see
 * source-user-mapping.ts), and written in paced `$batch` envelopes with a journal keyed by the source
 * object id, so a killed run continues exactly where it stopped and a rerun creates nobody twice.
 */
import { AdaptivePacer } from "../../bulk/adaptive-pacer.ts";
import { bindingOf, stableHash } from "../../bulk/bulk-binding.ts";
import { ChunkRunner, closeReport, resumed } from "../../bulk/chunk-runner.ts";
import { checkOutputFile } from "../../bulk/file-access.ts";
import { ImportJournal } from "../../bulk/import-journal.ts";
import { countReason, emptyReport, type ImportReport, keepReject } from "../../bulk/import-report.ts";
import type { WriterContext } from "../../bulk/import-writer.ts";
import { forgetMemoryJournal, memoryJournal, type RowJournal } from "../../bulk/memory-journal.ts";
import { tenantUsers } from "../../bulk/tenant-user-source.ts";
import type { ServiceClient } from "../../http/service-client.ts";
import type { OperationContext } from "../../operations/context.ts";
import { defaultDomain } from "../organization/organization-client.ts";
import { planAttributes } from "./migration-attributes.ts";
import { mapSourceUser } from "./source-user-mapping.ts";

/** A tenant as the migration needs it: a `CiamClient`, or an operation's context. */
export interface MigrationTenant {
  graph: ServiceClient;
  tenantId: string;
}

/** Options of {@link migrateUsers}. */
export interface MigrateUsersOptions {
  /** Read and map every user, and check which exist in the target, without writing anything. */
  dryRun?: boolean | undefined;
  /** A user already in the target (by source object id): skip it (default), update its profile, or count it failed. */
  onConflict?: "skip" | "update" | "fail" | undefined;
  /** The target's custom attribute keeping the source object id (default `B2CObjectId`). */
  sourceIdAttribute?: string | undefined;
  /** The flag the JIT listener reads (default `RequiresMigration`; the same name as `migration_jit_setup`'s). */
  flagAttribute?: string | undefined;
  /** The journal a rerun resumes from (bound to both tenants); without it the journal is kept in memory. */
  journalFile?: string | undefined;
  reportFile?: string | undefined;
  maxConcurrency?: number | undefined;
  initialRate?: number | undefined;
  maxRate?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: OperationContext["onProgress"];
}

/** The report of a migration: the import report, and the custom attributes created on the target. */
export interface MigrationReport extends ImportReport {
  attributesCreated: string[];
}

const OPERATION = "migration_users";

/** Copies the users of `from` (B2C) into `to` (External ID); resolves with the report. */
export async function migrateUsers(
  from: MigrationTenant,
  to: MigrationTenant,
  options: MigrateUsersOptions = {},
): Promise<MigrationReport> {
  const started = performance.now();
  const dryRun = options.dryRun ?? false;
  const journalFile = dryRun ? undefined : options.journalFile;
  for (const [field, path] of [
    ["journalFile", journalFile],
    ["reportFile", options.reportFile],
  ] as const)
    if (path !== undefined) checkOutputFile(OPERATION, field, path);
  const signal = options.signal;
  const sourceIdAttribute = options.sourceIdAttribute ?? "B2CObjectId";
  const flagAttribute = options.flagAttribute ?? "RequiresMigration";
  const binding = bindingOf(
    to,
    OPERATION,
    `source-tenant:${from.tenantId.toLowerCase()}@${new URL(from.graph.baseUrl).hostname}`,
    stableHash({ sourceIdAttribute, flagAttribute }),
  );
  // Opened before anything is written: a journal of another run is refused while nothing has changed.
  const memoryKey =
    journalFile === undefined && !dryRun ? stableHash({ binding, to: to.graph.baseUrl }) : undefined;
  const journal: RowJournal =
    memoryKey !== undefined
      ? memoryJournal(memoryKey)
      : await ImportJournal.open(journalFile, binding, {
          operation: OPERATION,
          field: "journalFile",
          file: journalFile ?? "",
          startOver: "migrate from scratch (users the earlier run created then count as skipped)",
          input: "the source tenant",
          settings: "the attribute names",
        });
  const plan = await planAttributes(from.graph, to.graph, {
    sourceIdAttribute,
    flagAttribute,
    dryRun,
    signal,
  });
  const domain = await defaultDomain(to.graph, { signal });
  const report: MigrationReport = { ...emptyReport(dryRun), attributesCreated: plan.created };
  const writer: WriterContext = {
    graph: to.graph,
    issuer: domain,
    pacer: new AdaptivePacer({ initialRate: options.initialRate, maxRate: options.maxRate }),
    journal,
    report,
    onConflict: options.onConflict ?? "skip",
    passwords: "generate",
    signal,
  };
  const runner = new ChunkRunner(writer, {
    dryRun,
    maxConcurrency: options.maxConcurrency,
    onProgress: options.onProgress,
    verb: "migrating",
  });
  try {
    const extensions = plan.copied.map((a) => a.source);
    for await (const user of tenantUsers(from.graph, extensions, signal)) {
      report.rows++;
      runner.seen();
      const line = report.rows;
      const mapped = mapSourceUser(user, { domain, plan });
      if (!mapped.ok) {
        report.rejected++;
        for (const r of mapped.reasons) countReason(report, r);
        keepReject(report, line, [`user ${user.id}`, ...mapped.reasons]);
        continue;
      }
      if (resumed(journal, mapped.key, report)) continue;
      // A dry run before the key attribute exists: nobody in the target can carry it yet.
      if (mapped.write === undefined) {
        report.wouldCreate++;
        continue;
      }
      const row = {
        displayName: user.id,
        signInName: user.id,
        signInType: "userName" as const,
        accountEnabled: true,
      };
      await runner.add({ line, key: mapped.key, row, extensions: {}, custom: mapped.write });
    }
    await runner.finish();
  } finally {
    await runner.close();
    closeReport(report, started, options.reportFile);
  }
  if (memoryKey !== undefined) forgetMemoryJournal(memoryKey);
  runner.progress(true);
  return report;
}
