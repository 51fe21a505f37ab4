/**
 * Which users a bulk delete removes: ids or UPNs as given, the matches of a Graph `$filter`, or the
 * users an import created (its journal's `created` entries, by object id). Every selection is read
 * before anything is deleted, so the confirmation shows the count and the names, and the delete goes
 * to exactly these object ids (a user the filter matches later is never deleted by this run).
 */
import { readFileSync } from "node:fs";
import { segment } from "../graph/common.ts";
import { runBatch } from "../http/batch.ts";
import { paginate } from "../http/paginate.ts";
import type { OperationContext } from "../operations/context.ts";
import { InvalidInputError } from "../operations/run-operation.ts";
import { bindingOf, isBinding } from "./bulk-binding.ts";
import { countDeleteReason, type DeleteReport, type ListedUser } from "./delete-report.ts";
import type { JournalEntry } from "./import-journal.ts";
import type { RowJournal } from "./memory-journal.ts";

const NAME = "user_bulk_delete";

/** A user to delete: its journal key (the id or UPN as given, else the object id), object id and name. */
export interface DeleteTarget extends ListedUser {
  key: string;
}

interface GraphUser {
  id: string;
  displayName?: string | null;
  userPrincipalName?: string | null;
}

const SELECT = "id,displayName,userPrincipalName";

function listed(key: string, user: GraphUser): DeleteTarget {
  const name = user.displayName ?? user.userPrincipalName ?? undefined;
  return { key, id: user.id, ...(name === undefined || name === "" ? {} : { name }) };
}

/**
 * Reads the users named by `keys` (object ids or UPNs) in `$batch`ed GETs. A user the delete journal
 * committed is skipped (counted as resumed by the caller); one gone whose delete was sent by an
 * earlier run counts as deleted (its answer was lost), any other one gone as not found.
 */
export async function lookUpUsers(
  ctx: OperationContext,
  keys: readonly string[],
  journal: RowJournal,
  report: DeleteReport,
): Promise<DeleteTarget[]> {
  const pending = [...new Set(keys.map((k) => k.toLowerCase()))].filter(
    (k) => journal.committed.get(k) !== "deleted",
  );
  const results = await runBatch(
    ctx.graph,
    pending.map((key, n) => ({
      id: String(n + 1),
      method: "GET" as const,
      url: `/users/${segment(key)}?$select=${SELECT}`,
    })),
    { concurrency: 4, signal: ctx.signal },
  );
  report.envelopes += Math.ceil(pending.length / 20);
  const targets = new Map<string, DeleteTarget>();
  const gone: JournalEntry[] = [];
  results.forEach((result, n) => {
    const key = pending[n] as string;
    if (result.status === 200) {
      const user = listed(key, result.body as GraphUser);
      if (!targets.has(user.id.toLowerCase())) targets.set(user.id.toLowerCase(), user);
    } else if (result.status === 404 && journal.sent.has(key)) {
      report.deleted++;
      gone.push({ k: key, s: "deleted", line: 0 });
    } else if (result.status === 404) report.notFound++;
    else {
      report.failed++;
      countDeleteReason(report, `lookup failed: HTTP ${result.status}`);
    }
  });
  journal.append(gone);
  return [...targets.values()];
}

/** The users a `$filter` matches now (object ids and names), with Graph's advanced query header. */
export async function filterMatches(ctx: OperationContext, filter: string): Promise<DeleteTarget[]> {
  const out: DeleteTarget[] = [];
  for await (const user of paginate<GraphUser>(ctx.graph, "/users", {
    query: { $filter: filter, $select: SELECT, $top: "999", $count: "true" },
    headers: { ConsistencyLevel: "eventual" },
    signal: ctx.signal,
  }))
    out.push(listed(user.id.toLowerCase(), user));
  return out;
}

/** What an import's journal says it did: the object ids it created, and rows sent without a known answer. */
export interface ImportOutcome {
  created: string[];
  uncertain: number;
}

/**
 * Reads an import's journal (`user_import` writes it beside its file): the users it created, by
 * object id. Refused when it is not an import journal, or belongs to another tenant or cloud.
 */
export function importOutcome(
  ctx: OperationContext,
  field: string,
  path: string,
  inputIdentity?: string,
): ImportOutcome {
  const lines = readFileSync(path, "utf8").split("\n");
  let header: unknown;
  try {
    header = JSON.parse(lines[0] ?? "");
  } catch {
    header = undefined;
  }
  const expected = bindingOf(ctx, "user_import", "");
  const problem = !isBinding(header)
    ? "is not a user_import journal (its first line names no import)"
    : header.operation !== "user_import"
      ? `is the journal of ${header.operation}, not of user_import`
      : header.tenant !== expected.tenant || header.cloud !== expected.cloud
        ? "belongs to an import into another tenant or cloud"
        : inputIdentity !== undefined && header.input !== inputIdentity
          ? "belongs to another version of the import file (its content changed since)"
          : undefined;
  if (problem !== undefined)
    throw new InvalidInputError(NAME, [
      `${field}: ${path} ${problem}; give the journal user_import wrote for this tenant (<file>.journal.jsonl by default)`,
    ]);
  const created = new Map<string, string>();
  const sent = new Set<string>();
  for (const text of lines.slice(1)) {
    let entry: JournalEntry;
    try {
      entry = JSON.parse(text) as JournalEntry;
    } catch {
      continue; // a line torn by a crash
    }
    if (entry.s === "sent") sent.add(entry.k);
    else {
      sent.delete(entry.k);
      if (entry.s === "created" && entry.id !== undefined) created.set(entry.k, entry.id);
    }
  }
  return { created: [...created.values()], uncertain: [...sent].filter((k) => !created.has(k)).length };
}
