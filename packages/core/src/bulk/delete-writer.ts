/**
 * Deletes one chunk of users (≤ 20, one `$batch`), paced like an import's creates: a 429 pauses
 * every sender for its `Retry-After`, a 5xx or a lost answer is sent again, and a 404 for a user whose
 * delete already left (this run or, from the journal, an earlier one) counts as deleted.
 */

import { segment } from "../graph/common.ts";
import { type BatchResult, runBatch } from "../http/batch.ts";
import { retryAfterMs } from "../http/retry-after.ts";
import type { ServiceClient } from "../http/service-client.ts";
import { sleep } from "../http/sleep.ts";
import type { AdaptivePacer } from "./adaptive-pacer.ts";
import { countDeleteReason, type DeleteReport, listUser } from "./delete-report.ts";
import type { DeleteTarget } from "./delete-targets.ts";
import type { JournalEntry } from "./import-journal.ts";
import { throttlePercentage } from "./import-writer.ts";
import type { RowJournal } from "./memory-journal.ts";

/** What the chunk writer needs from the run. */
export interface DeleteWriter {
  graph: ServiceClient;
  pacer: AdaptivePacer;
  journal: RowJournal;
  report: DeleteReport;
  signal?: AbortSignal | undefined;
}

/** 5xx answers or lost connections of one user before it counts as failed. */
const MAX_FAILURES = 8;

interface Pending {
  target: DeleteTarget;
  failures: number;
}

function errorCode(result: BatchResult): string {
  const error = (result.body as { error?: { code?: string } } | undefined)?.error;
  return error?.code ?? `HTTP ${result.status}`;
}

/** Deletes a chunk to the end: every user is deleted, gone or failed when this resolves. */
export async function deleteChunk(ctx: DeleteWriter, targets: readonly DeleteTarget[]): Promise<void> {
  let queue: Pending[] = targets.map((target) => ({ target, failures: 0 }));
  while (queue.length > 0) {
    const worst = Math.max(0, ...queue.map((p) => p.failures));
    if (worst > 0) await sleep(Math.min(3200, 100 * 2 ** worst), ctx.signal);
    const granted = await ctx.pacer.acquire(queue.length, ctx.signal);
    const pending = queue.slice(0, granted);
    const waiting = queue.slice(granted);
    const fresh = pending.filter((p) => !ctx.journal.sent.has(p.target.key));
    ctx.journal.append(fresh.map((p) => ({ k: p.target.key, s: "sent" as const, line: 0, t: Date.now() })));
    const entries: JournalEntry[] = [];
    const next: Pending[] = [];
    const retry = (p: Pending, reason: string) => {
      p.failures++;
      if (p.failures < MAX_FAILURES) next.push(p);
      else done(p, "failed", reason);
    };
    const done = (p: Pending, status: "deleted" | "failed" | "gone", reason?: string) => {
      if (status === "deleted") {
        ctx.report.deleted++;
        listUser(ctx.report, {
          id: p.target.id,
          ...(p.target.name === undefined ? {} : { name: p.target.name }),
        });
      } else if (status === "gone") ctx.report.notFound++;
      else ctx.report.failed++;
      if (reason !== undefined) countDeleteReason(ctx.report, reason);
      // A user found gone is committed as skipped: a rerun finds it gone again, never deleted by us.
      const s = status === "deleted" ? "deleted" : status === "gone" ? "skipped" : "failed";
      entries.push({ k: p.target.key, s, line: 0, id: p.target.id });
    };
    let results: BatchResult[];
    try {
      ctx.report.envelopes++;
      results = await runBatch(
        ctx.graph,
        pending.map((p, n) => ({
          id: String(n + 1),
          method: "DELETE" as const,
          url: `/users/${segment(p.target.id)}`,
        })),
        { concurrency: 1, maxItemRetries: 0, signal: ctx.signal },
      );
    } catch (error) {
      if (ctx.signal?.aborted) throw error;
      // The envelope failed after the pipeline's retries: send again; a delete that did happen comes back 404.
      for (const p of pending) retry(p, `envelope failed: ${(error as Error).message}`);
      ctx.journal.append(entries);
      queue = [...next, ...waiting];
      continue;
    }
    let throttledFor: number | undefined;
    results.forEach((result, n) => {
      const p = pending[n] as Pending;
      if (result.status === 204 || result.status === 200) done(p, "deleted");
      else if (result.status === 404)
        // Sent before (an earlier run, or an attempt whose answer was lost): our delete happened.
        done(p, p.failures > 0 || !fresh.includes(p) ? "deleted" : "gone");
      else if (result.status === 429) {
        ctx.report.throttled++;
        ctx.pacer.throttled++;
        throttledFor = Math.max(throttledFor ?? 0, retryAfterMs(new Headers(result.headers)) ?? 1000);
        next.push(p);
      } else if (result.status >= 500 || result.status === 0) retry(p, "service unavailable after retries");
      else done(p, "failed", errorCode(result));
    });
    ctx.pacer.observe({
      limitPercentage: throttlePercentage(results),
      throttledForMs: throttledFor,
      accepted: results.filter((r) => r.status === 204).length,
    });
    ctx.journal.append(entries);
    queue = [...next, ...waiting];
  }
}
