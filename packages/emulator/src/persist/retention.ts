import type { JsonObject } from "../store/json.ts";
import type { Collection, Store } from "../store/store.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long the emulator keeps what Entra keeps for a limited time: audit and sign-in logs (Entra ID
 * P1/P2 keep them 30 days), and deleted users, groups and applications (permanently deleted after
 * 30 days). Beyond Graph, each log also keeps only its newest `maxLogRecords` per tenant, so that
 * a state that served a bulk import does not grow the snapshot, and every start, without bound.
 */
export interface RetentionPolicy {
  logDays: number;
  deletedItemDays: number;
  maxLogRecords: number;
}

/** Entra's published retention, and a cap of 10,000 records per log and tenant. */
export const DEFAULT_RETENTION: RetentionPolicy = { logDays: 30, deletedItemDays: 30, maxLogRecords: 10_000 };

/** The logs that age out, and the property that dates each record. */
const LOGS = [
  { collection: "directoryAudits", date: "activityDateTime" },
  { collection: "signIns", date: "createdDateTime" },
] as const;

/** What {@link applyRetention} removed. */
export interface RetentionResult {
  logRecords: number;
  deletedItems: number;
}

/**
 * Removes the log records and deleted items past their retention, as Entra does, plus the oldest log
 * records beyond the cap. Run when a data directory is loaded and saved, before the snapshot is written.
 */
export function applyRetention(
  store: Store,
  now: Date,
  policy: RetentionPolicy = DEFAULT_RETENTION,
): RetentionResult {
  const result: RetentionResult = { logRecords: 0, deletedItems: 0 };
  for (const tenant of store.tenants()) {
    const names = new Set(tenant.collectionNames());
    for (const log of LOGS) {
      if (!names.has(log.collection)) continue;
      result.logRecords += trimLog(tenant.collection(log.collection), log.date, now, policy);
    }
    if (names.has("deletedItems")) {
      const cutoff = now.getTime() - policy.deletedItemDays * DAY_MS;
      const deleted = tenant.collection("deletedItems");
      const meta = tenant.collection("_deletedItems");
      for (const [id, record] of [...deleted.entries()]) {
        if (timeOf(record, "deletedDateTime") >= cutoff) continue;
        deleted.delete(id);
        meta.delete(id);
        result.deletedItems++;
      }
    }
  }
  return result;
}

function trimLog(log: Collection, dateField: string, now: Date, policy: RetentionPolicy): number {
  const cutoff = now.getTime() - policy.logDays * DAY_MS;
  const dated = [...log.entries()].map(([id, record]) => ({ id, at: timeOf(record, dateField) }));
  // Newest first; a record without a readable date counts as old.
  dated.sort((a, b) => b.at - a.at);
  let removed = 0;
  for (const [i, { id, at }] of dated.entries()) {
    if (i < policy.maxLogRecords && at >= cutoff) continue;
    log.delete(id);
    removed++;
  }
  return removed;
}

function timeOf(record: JsonObject, field: string): number {
  const value = record[field];
  const at = typeof value === "string" ? Date.parse(value) : Number.NaN;
  return Number.isNaN(at) ? Number.NEGATIVE_INFINITY : at;
}
