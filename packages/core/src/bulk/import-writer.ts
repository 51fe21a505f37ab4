/**
 * Writes one chunk of valid rows (≤ 20, one `$batch`): creates, retries what the service asks to
 * retry, and reconciles conflicts by identity so a create whose answer was lost is not counted twice.
 */
import { randomBytes } from "node:crypto";
import { runBatch, type BatchResult } from "../http/batch.ts";
import { and, any, eq } from "../http/odata.ts";
import { retryAfterMs } from "../http/retry-after.ts";
import { sleep } from "../http/sleep.ts";
import type { ServiceClient } from "../http/service-client.ts";
import type { AdaptivePacer } from "./adaptive-pacer.ts";
import type { ImportJournal, JournalEntry } from "./import-journal.ts";
import { countReason, type ImportReport } from "./import-report.ts";
import type { ImportRow } from "./row-validation.ts";

/** A valid row waiting to be written. */
export interface ChunkItem {
  line: number;
  key: string;
  row: ImportRow;
  extensions: Record<string, unknown>;
  /** When its create was first sent, by this run or (from the journal) an earlier one (ms). */
  sentAt?: number | undefined;
  /**
   * True once a create may have happened without us seeing the answer: it was sent by an earlier run,
   * or sent before in this run and not answered with a clean refusal.
   */
  uncertain?: boolean | undefined;
}

/** What a chunk writer needs from the import run. */
export interface WriterContext {
  graph: ServiceClient;
  issuer: string;
  pacer: AdaptivePacer;
  journal: ImportJournal;
  report: ImportReport;
  onConflict: "skip" | "update" | "fail";
  passwords: "given" | "generate";
  signal?: AbortSignal | undefined;
}

/** Rounds of a chunk that fail for reasons other than throttling before its rows count as failed. */
const MAX_ROUNDS = 8;
/**
 * A conflicting user created more than this before our first attempt is someone else's, not ours with
 * a lost answer (allows for the clock difference between this machine and the directory).
 */
const CLOCK_SLACK_MS = 5_000;

/** A password meeting Entra's complexity rule, for accounts whose owners set their own at first sign-in. */
function generatedPassword(): string {
  return `${randomBytes(18).toString("base64url")}aA1!`;
}

function profile(row: ImportRow, extensions: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { displayName: row.displayName, accountEnabled: row.accountEnabled };
  for (const k of [
    "givenName",
    "surname",
    "jobTitle",
    "mobilePhone",
    "preferredLanguage",
    "city",
    "country",
    "state",
    "postalCode",
    "streetAddress",
  ] as const) {
    if (row[k] !== undefined) out[k] = row[k];
  }
  const mail = row.mail ?? (row.signInType === "emailAddress" ? row.signInName : undefined);
  if (mail !== undefined) out.mail = mail;
  return { ...out, ...extensions };
}

function createBody(item: ChunkItem, ctx: WriterContext): Record<string, unknown> {
  const given = item.row.password;
  return {
    ...profile(item.row, item.extensions),
    identities: [{ signInType: item.row.signInType, issuer: ctx.issuer, issuerAssignedId: item.row.signInName }],
    // Given passwords are the customers' own: keep them and never expire them. Generated ones are
    // known to nobody, so the first sign-in (after a reset) must replace them.
    passwordProfile:
      given !== undefined
        ? { password: given, forceChangePasswordNextSignIn: false }
        : { password: generatedPassword(), forceChangePasswordNextSignIn: true },
    passwordPolicies: "DisablePasswordExpiration",
  };
}

function errorOf(result: BatchResult): { code: string; message: string; conflict: boolean } {
  const error = (result.body as { error?: { code?: string; message?: string; details?: { code?: string }[] } })
    ?.error;
  const code = error?.code ?? `HTTP ${result.status}`;
  const message = error?.message ?? "";
  // Graph reports a taken sign-in name as 400 with an ObjectConflict detail (api-surface 6, emulator-notes 4).
  const conflict =
    (error?.details ?? []).some((d) => d.code === "ObjectConflict") ||
    code === "ObjectConflict" ||
    /already exists/i.test(message);
  return { code, message, conflict };
}

function percentage(results: readonly BatchResult[]): number | undefined {
  let max: number | undefined;
  for (const r of results) {
    const v = Number(r.headers["x-ms-throttle-limit-percentage"]);
    if (Number.isFinite(v) && v > 0) max = Math.max(max ?? 0, v);
  }
  return max;
}

function record(ctx: WriterContext, item: ChunkItem, status: "created" | "updated" | "skipped" | "failed", entries: JournalEntry[], id?: string, reason?: string): void {
  ctx.report[status]++;
  if (reason !== undefined) countReason(ctx.report, reason);
  entries.push({ k: item.key, s: status, line: item.line, ...(id === undefined ? {} : { id }) });
}

/** Finds the user holding a row's identity (after a conflict). */
async function existingUser(ctx: WriterContext, item: ChunkItem): Promise<{ id: string; createdDateTime?: string } | undefined> {
  const filter = any("identities", "i", (p) =>
    and(eq(p("issuerAssignedId"), item.row.signInName), eq(p("issuer"), ctx.issuer)),
  );
  const body = await ctx.graph.get<{ value?: { id: string; createdDateTime?: string }[] }>("/users", {
    query: { $filter: String(filter), $select: "id,createdDateTime" },
    signal: ctx.signal,
  });
  return body?.value?.[0];
}

async function resolveConflict(ctx: WriterContext, item: ChunkItem, entries: JournalEntry[]): Promise<void> {
  const user = await existingUser(ctx, item);
  if (user === undefined) {
    record(ctx, item, "failed", entries, undefined, "conflict on another property (userPrincipalName or mail)");
    return;
  }
  const created = user.createdDateTime === undefined ? Number.NaN : Date.parse(user.createdDateTime);
  if (item.uncertain === true && item.sentAt !== undefined && created >= item.sentAt - CLOCK_SLACK_MS) {
    // Our own create, whose answer was lost (dropped connection or a killed run).
    record(ctx, item, "created", entries, user.id);
    return;
  }
  if (ctx.onConflict === "skip") record(ctx, item, "skipped", entries, user.id);
  else if (ctx.onConflict === "fail") record(ctx, item, "failed", entries, user.id, "user already exists");
  else {
    await ctx.pacer.acquire(1, ctx.signal);
    await ctx.graph.patch(`/users/${encodeURIComponent(user.id)}`, profile(item.row, item.extensions), {
      signal: ctx.signal,
    });
    record(ctx, item, "updated", entries, user.id);
  }
}

/** Writes a chunk to the end: every row is committed or failed when this resolves. */
export async function writeChunk(ctx: WriterContext, items: readonly ChunkItem[]): Promise<void> {
  let pending = [...items];
  let rounds = 0;
  while (pending.length > 0) {
    await ctx.pacer.acquire(pending.length, ctx.signal);
    const now = Date.now();
    const fresh = pending.filter((i) => i.sentAt === undefined);
    for (const i of fresh) {
      const earlier = ctx.journal.sent.get(i.key);
      i.sentAt = earlier ?? now;
      i.uncertain = earlier !== undefined;
    }
    ctx.journal.append(fresh.map((i) => ({ k: i.key, s: "sent" as const, line: i.line, t: i.sentAt })));
    let results: BatchResult[];
    try {
      ctx.report.envelopes++;
      results = await runBatch(
        ctx.graph,
        pending.map((item, n) => ({ id: String(n + 1), method: "POST" as const, url: "/users", body: createBody(item, ctx) })),
        { concurrency: 1, maxItemRetries: 0, signal: ctx.signal },
      );
    } catch (error) {
      if (ctx.signal?.aborted) throw error;
      for (const item of pending) item.uncertain = true;
      // The envelope failed after the pipeline's retries (a dropped connection, a 5xx): send the rows again;
      // any create that did happen comes back as a conflict and is reconciled.
      if (++rounds >= MAX_ROUNDS) {
        const entries: JournalEntry[] = [];
        for (const item of pending) record(ctx, item, "failed", entries, undefined, `envelope failed: ${(error as Error).message}`);
        ctx.journal.append(entries);
        return;
      }
      await sleep(200 * 2 ** rounds, ctx.signal);
      continue;
    }
    const entries: JournalEntry[] = [];
    const next: ChunkItem[] = [];
    const conflicts: ChunkItem[] = [];
    let throttledFor: number | undefined;
    let transient = false;
    results.forEach((result, n) => {
      const item = pending[n] as ChunkItem;
      if (result.status === 201 || result.status === 200) {
        record(ctx, item, "created", entries, (result.body as { id?: string } | undefined)?.id);
      } else if (result.status === 429) {
        ctx.report.throttled++;
        ctx.pacer.throttled++;
        throttledFor = Math.max(throttledFor ?? 0, retryAfterMs(new Headers(result.headers)) ?? 1000);
        next.push(item);
      } else if (result.status >= 500 || result.status === 0) {
        // A 5xx does not say the write did not happen (https://learn.microsoft.com/graph/errors).
        item.uncertain = true;
        transient = true;
        next.push(item);
      } else {
        const error = errorOf(result);
        if (error.conflict) conflicts.push(item);
        else record(ctx, item, "failed", entries, undefined, `${error.code}: ${error.message}`);
      }
    });
    ctx.pacer.observe({ limitPercentage: percentage(results), throttledForMs: throttledFor });
    for (const item of conflicts) await resolveConflict(ctx, item, entries);
    ctx.journal.append(entries);
    if (transient && ++rounds >= MAX_ROUNDS) {
      const failed: JournalEntry[] = [];
      for (const item of next) record(ctx, item, "failed", failed, undefined, "service unavailable after retries");
      ctx.journal.append(failed);
      return;
    }
    if (transient) await sleep(100 * 2 ** rounds, ctx.signal);
    pending = next;
  }
}

/** Dry run of a chunk: which rows' users exist already (reads only, no write quota used). */
export async function checkChunk(ctx: WriterContext, items: readonly ChunkItem[]): Promise<void> {
  const results = await runBatch(
    ctx.graph,
    items.map((item, n) => {
      const filter = any("identities", "i", (p) =>
        and(eq(p("issuerAssignedId"), item.row.signInName), eq(p("issuer"), ctx.issuer)),
      );
      return {
        id: String(n + 1),
        method: "GET" as const,
        url: `/users?$filter=${encodeURIComponent(String(filter))}&$select=id`,
      };
    }),
    { concurrency: 1, signal: ctx.signal },
  );
  ctx.report.envelopes++;
  results.forEach((result) => {
    const found = ((result.body as { value?: unknown[] } | undefined)?.value ?? []).length > 0;
    if (result.status !== 200) {
      ctx.report.failed++;
      countReason(ctx.report, `existence check failed: HTTP ${result.status}`);
    } else if (found) ctx.report.existing++;
    else ctx.report.wouldCreate++;
  });
}
