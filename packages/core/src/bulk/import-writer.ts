/**
 * Writes one chunk of valid rows (≤ 20, one `$batch`): creates, retries what the service asks to
 * retry, and reconciles conflicts by identity so a create whose answer was lost is not counted twice.
 */
import { randomBytes } from "node:crypto";
import { type BatchResult, runBatch } from "../http/batch.ts";
import { and, any, eq } from "../http/odata.ts";
import { retryAfterMs } from "../http/retry-after.ts";
import type { ServiceClient } from "../http/service-client.ts";
import { sleep } from "../http/sleep.ts";
import type { AdaptivePacer } from "./adaptive-pacer.ts";
import type { JournalEntry } from "./import-journal.ts";
import { countReason, type ImportReport } from "./import-report.ts";
import type { RowJournal } from "./memory-journal.ts";
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
  /** Answers of 5xx or lost connections so far (429s are not failures: they are paced). */
  failures?: number | undefined;
  /** A row written as given rather than from `row` (a tenant-to-tenant migration builds its own bodies). */
  custom?: CustomWrite | undefined;
}

/**
 * How a row other than an import file's is written: its create body (built at each send, so a
 * generated password lives only in the request), its profile update, and the `$filter` that finds the
 * user it creates (its natural key).
 */
export interface CustomWrite {
  body(): Record<string, unknown>;
  patch: Record<string, unknown>;
  filter: string;
}

/** What a chunk writer needs from the import run. */
export interface WriterContext {
  graph: ServiceClient;
  issuer: string;
  pacer: AdaptivePacer;
  journal: RowJournal;
  report: ImportReport;
  onConflict: "skip" | "update" | "fail";
  passwords: "given" | "generate";
  signal?: AbortSignal | undefined;
}

/** 5xx answers or lost connections of one row before it counts as failed. */
const MAX_FAILURES = 8;

/** The wait before resending rows after a 5xx or a lost connection: 200 ms doubling, at most 3.2 s. */
function failureDelay(items: readonly ChunkItem[]): number {
  const worst = Math.max(0, ...items.map((i) => i.failures ?? 0));
  return worst === 0 ? 0 : Math.min(3200, 100 * 2 ** worst);
}
/**
 * A conflicting user created more than this before our first attempt is someone else's, not ours with
 * a lost answer (allows for the clock difference between this machine and the directory).
 */
const CLOCK_SLACK_MS = 5_000;

/** A password meeting Entra's complexity rule, for accounts whose owners set their own at first sign-in. */
export function generatedPassword(): string {
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
  if (item.custom !== undefined) return item.custom.body();
  const given = item.row.password;
  return {
    ...profile(item.row, item.extensions),
    identities: [
      { signInType: item.row.signInType, issuer: ctx.issuer, issuerAssignedId: item.row.signInName },
    ],
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
  const error = (
    result.body as { error?: { code?: string; message?: string; details?: { code?: string }[] } }
  )?.error;
  const code = error?.code ?? `HTTP ${result.status}`;
  const message = error?.message ?? "";
  // Graph reports a taken sign-in name as 400 with an ObjectConflict detail (api-surface 6, emulator-notes 4).
  const conflict =
    (error?.details ?? []).some((d) => d.code === "ObjectConflict") ||
    code === "ObjectConflict" ||
    /already exists/i.test(message);
  return { code, message, conflict };
}

/** The highest `x-ms-throttle-limit-percentage` of an envelope's answers, for the pacer. */
export function throttlePercentage(results: readonly BatchResult[]): number | undefined {
  let max: number | undefined;
  for (const r of results) {
    const v = Number(r.headers["x-ms-throttle-limit-percentage"]);
    if (Number.isFinite(v) && v > 0) max = Math.max(max ?? 0, v);
  }
  return max;
}

function record(
  ctx: WriterContext,
  item: ChunkItem,
  status: "created" | "updated" | "skipped" | "failed",
  entries: JournalEntry[],
  id?: string,
  reason?: string,
): void {
  ctx.report[status]++;
  if (reason !== undefined) countReason(ctx.report, reason);
  entries.push({ k: item.key, s: status, line: item.line, ...(id === undefined ? {} : { id }) });
}

/** The `$filter` finding the user a row creates: by its natural key, or by its sign-in identity. */
function userFilter(ctx: WriterContext, item: ChunkItem): string {
  if (item.custom !== undefined) return item.custom.filter;
  return String(
    any("identities", "i", (p) =>
      and(eq(p("issuerAssignedId"), item.row.signInName), eq(p("issuer"), ctx.issuer)),
    ),
  );
}

/** Finds the user holding a row's identity (after a conflict). */
async function existingUser(
  ctx: WriterContext,
  item: ChunkItem,
): Promise<{ id: string; createdDateTime?: string } | undefined> {
  const filter = userFilter(ctx, item);
  const body = await ctx.graph.get<{ value?: { id: string; createdDateTime?: string }[] }>("/users", {
    query: { $filter: filter, $select: "id,createdDateTime" },
    signal: ctx.signal,
  });
  return body?.value?.[0];
}

async function resolveConflict(ctx: WriterContext, item: ChunkItem, entries: JournalEntry[]): Promise<void> {
  const user = await existingUser(ctx, item);
  if (user === undefined) {
    record(
      ctx,
      item,
      "failed",
      entries,
      undefined,
      "conflict on another property (userPrincipalName or mail)",
    );
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
    await ctx.graph.patch(
      `/users/${encodeURIComponent(user.id)}`,
      item.custom?.patch ?? profile(item.row, item.extensions),
      {
        signal: ctx.signal,
      },
    );
    record(ctx, item, "updated", entries, user.id);
  }
}

/**
 * Writes a chunk to the end: every row is committed or failed when this resolves. The chunk leaves in
 * one envelope, or in several smaller ones when the pacer says the quota is nearly used.
 */
export async function writeChunk(ctx: WriterContext, items: readonly ChunkItem[]): Promise<void> {
  let queue = [...items];
  while (queue.length > 0) {
    const delay = failureDelay(queue.slice(0, ctx.pacer.envelopeSize));
    if (delay > 0) await sleep(delay, ctx.signal);
    // Near the limit the pacer grants fewer writes than the chunk holds: the rest waits for the next slot.
    const granted = await ctx.pacer.acquire(queue.length, ctx.signal);
    const pending = queue.slice(0, granted);
    const waiting = queue.slice(granted);
    const now = Date.now();
    const fresh = pending.filter((i) => i.sentAt === undefined);
    for (const i of fresh) {
      const earlier = ctx.journal.sent.get(i.key);
      i.sentAt = earlier ?? now;
      i.uncertain = earlier !== undefined;
    }
    ctx.journal.append(fresh.map((i) => ({ k: i.key, s: "sent" as const, line: i.line, t: i.sentAt })));
    const entries: JournalEntry[] = [];
    const next: ChunkItem[] = [];
    let results: BatchResult[];
    try {
      ctx.report.envelopes++;
      results = await runBatch(
        ctx.graph,
        pending.map((item, n) => ({
          id: String(n + 1),
          method: "POST" as const,
          url: "/users",
          body: createBody(item, ctx),
        })),
        { concurrency: 1, maxItemRetries: 0, signal: ctx.signal },
      );
    } catch (error) {
      if (ctx.signal?.aborted) throw error;
      // The envelope failed after the pipeline's retries (a dropped connection, a 5xx): send the rows
      // again; a create that did happen comes back as a conflict and is reconciled.
      for (const item of pending)
        failOnce(ctx, item, next, entries, `envelope failed: ${(error as Error).message}`);
      ctx.journal.append(entries);
      queue = [...next, ...waiting];
      continue;
    }
    const conflicts: ChunkItem[] = [];
    let throttledFor: number | undefined;
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
        failOnce(ctx, item, next, entries, "service unavailable after retries");
      } else {
        const error = errorOf(result);
        if (error.conflict) conflicts.push(item);
        else record(ctx, item, "failed", entries, undefined, `${error.code}: ${error.message}`);
      }
    });
    ctx.pacer.observe({
      limitPercentage: throttlePercentage(results),
      throttledForMs: throttledFor,
      accepted: results.filter((r) => r.status === 201).length,
    });
    for (const item of conflicts) await resolveConflict(ctx, item, entries);
    ctx.journal.append(entries);
    queue = [...next, ...waiting];
  }
}

/** Counts a 5xx or lost answer against a row: it is sent again, or failed after {@link MAX_FAILURES}. */
function failOnce(
  ctx: WriterContext,
  item: ChunkItem,
  next: ChunkItem[],
  entries: JournalEntry[],
  reason: string,
): void {
  // A 5xx does not say the write did not happen (https://learn.microsoft.com/graph/errors).
  item.uncertain = true;
  item.failures = (item.failures ?? 0) + 1;
  if (item.failures >= MAX_FAILURES) record(ctx, item, "failed", entries, undefined, reason);
  else next.push(item);
}

/** Dry run of a chunk: which rows' users exist already (reads only, no write quota used). */
export async function checkChunk(ctx: WriterContext, items: readonly ChunkItem[]): Promise<void> {
  const results = await runBatch(
    ctx.graph,
    items.map((item, n) => ({
      id: String(n + 1),
      method: "GET" as const,
      url: `/users?$filter=${encodeURIComponent(userFilter(ctx, item))}&$select=id`,
    })),
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
