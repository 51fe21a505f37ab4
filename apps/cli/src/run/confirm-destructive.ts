import type { Operation, RemovalRequest } from "@ciamkit/core";
import { escapeControlCharacters } from "@ciamkit/core/display-text";
import type { CommandSpec } from "../manifest/manifest-types.ts";
import { colorsFor } from "../terminal/colors.ts";
import { confirm } from "../terminal/confirm.ts";
import { UsageError } from "./exit-codes.ts";
import type { Session } from "./session.ts";

type Core = typeof import("@ciamkit/core");

/**
 * Shows what a destructive command will remove and asks. Core names the target
 * ({@link Core.destructiveTarget}): read first with the area's `get` operation when the catalog has one
 * taking the same identifying fields, so the person sees a name, not just an id (and a wrong id fails
 * here, with nothing removed).
 */
export async function confirmDestructive(
  core: Core,
  session: Session,
  operation: Operation,
  input: Record<string, unknown>,
  spec: CommandSpec,
  signal: AbortSignal,
): Promise<boolean> {
  const target = await core.destructiveTarget(operation, input, (get, getInput) =>
    session.client.run(get, getInput, { signal }),
  );
  const what =
    target === undefined || !target.read
      ? (target?.fields ?? []).map(([k, v]) => `${k} ${v}`).join(", ")
      : `${target.name === undefined ? "" : `'${target.name}' `}(id ${target.id ?? ""})`;
  const action = spec.title.replace(/^\w/, (c) => c.toLowerCase());
  // The name is the tenant's text: escaped, so it cannot add lines to the question or rewrite it.
  process.stderr.write(`This will ${action}: ${core.escapeControlCharacters(what)}.\n`);
  return confirm("Continue?", signal);
}

/**
 * Confirms the links a write would remove (`user-flow update`/`setup` replacing a flow's providers or
 * apps) as destructive commands are confirmed: `--yes` allows them, a terminal asks with each removal
 * named, and without one the command stops with a usage error before anything is sent.
 */
export async function confirmRemovalsOnTerminal(
  request: RemovalRequest,
  how: { path: string; yes: boolean; signal: AbortSignal; beforeAsking: () => void },
): Promise<boolean> {
  if (how.yes) return true;
  if (request.summary !== undefined) return confirmSummary(request, how);
  const what = escapeControlCharacters(request.removals.join("; "));
  if (!(process.stdin.isTTY && process.stderr.isTTY)) {
    throw new UsageError(
      `\`${how.path}\` would remove ${what}, and there is no terminal to confirm on; pass --yes to run it unattended, or keep them in the input`,
    );
  }
  how.beforeAsking();
  process.stderr.write(`This will remove ${what}.\n`);
  return confirm("Continue?", how.signal);
}

/**
 * Asks about everything a write will do (`config apply`'s plan): the summary as core wrote it (names
 * escaped there), deletes and replaces in red on a colour terminal.
 */
async function confirmSummary(
  request: RemovalRequest,
  how: { path: string; signal: AbortSignal; beforeAsking: () => void },
): Promise<boolean> {
  if (!(process.stdin.isTTY && process.stderr.isTTY)) {
    throw new UsageError(
      `\`${how.path}\` would make changes, and there is no terminal to confirm on; review them with plan, then pass --yes to run it unattended`,
    );
  }
  how.beforeAsking();
  const c = colorsFor(process.stderr);
  const lines = (request.summary ?? "")
    .split("\n")
    .map((line) => (/^( {2}-\/?\+? |! )/.test(line) ? c.red(line) : line));
  process.stderr.write(lines.join("\n"));
  return confirm("Apply these changes?", how.signal);
}
