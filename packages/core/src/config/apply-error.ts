/**
 * `ApplyError`: a change of a plan failed part-way through apply. It names what was applied, the
 * change that failed (with the service's code and request id) and what was not run, so a failure is
 * never silent; the next plan shows what remains and the next apply completes it.
 */
import { escapeControlCharacters } from "../display-text.ts";
import { type ErrorKind, errorKind, isServiceFailure } from "../error-kinds.ts";
import type { PlannedChange } from "./plan-types.ts";

/** One change of a plan, as an apply failure names it. */
export interface ChangeRef {
  action: PlannedChange["action"];
  kind: PlannedChange["kind"];
  name: string;
}

/** The change that failed, and the part of it that failed when it is not its first write. */
export interface FailedChange extends ChangeRef {
  /** `permissions`: the application exists, setting its required permissions failed. */
  step?: "permissions" | undefined;
}

const ref = (c: PlannedChange): ChangeRef => ({ action: c.action, kind: c.kind, name: c.name });

/** A change as a sentence names it: `create groups 'Beta'`. */
export function changeLabel(c: ChangeRef & { step?: string | undefined }): string {
  const what = `${c.action} ${c.kind} '${escapeControlCharacters(c.name)}'`;
  return c.step === "permissions" ? `${what} (its required permissions)` : what;
}

/** The service's code and request id of a failure (`Graph Request_BadRequest, request-id …`). */
function causeIds(cause: unknown): string {
  if (!isServiceFailure(cause)) return cause instanceof Error ? cause.name : "error";
  const service = cause.service === "arm" ? "ARM" : cause.service === "login" ? "token service" : "Graph";
  const id = cause.requestId === undefined ? "" : `, request-id ${cause.requestId}`;
  return `${service} ${cause.code}${id}`;
}

/**
 * A plan's apply that stopped at a failed change: every change before it was made, none after. The
 * failure itself is the `cause`; `kind` is its kind (the CLI's exit code, the MCP server's advice).
 */
export class ApplyError extends Error {
  override readonly name = "ApplyError";
  /** The changes made, in the order they were made. */
  readonly applied: ChangeRef[];
  /** The change that failed: it may be partly made (the next plan shows what is left of it). */
  readonly failed: FailedChange;
  /** The changes not run. */
  readonly remaining: ChangeRef[];
  /** How many changes the plan had. */
  readonly total: number;
  /** The kind of the failure (see {@link errorKind}). */
  readonly kind: ErrorKind;

  constructor(init: {
    applied: readonly PlannedChange[];
    failed: PlannedChange;
    step?: FailedChange["step"];
    remaining: readonly PlannedChange[];
    cause: unknown;
  }) {
    const applied = init.applied.map(ref);
    const failed: FailedChange = {
      ...ref(init.failed),
      ...(init.step === undefined ? {} : { step: init.step }),
    };
    const remaining = init.remaining.map(ref);
    const total = applied.length + 1 + remaining.length;
    // The service's own words (not core's advice for a single call): what to do next is said here.
    const said = (
      (init.cause as { serviceMessage?: string } | undefined)?.serviceMessage ??
      (init.cause instanceof Error ? init.cause.message : String(init.cause))
    ).replace(/[.\s]+$/, "");
    const notRun = remaining.length === 0 ? "none" : remaining.map(changeLabel).join(", ");
    super(
      `applied ${applied.length} of ${total} changes; failed: ${changeLabel(failed)} (${causeIds(init.cause)}): ${said}; not run: ${notRun}; run \`ciam config plan\` to see what remains, \`ciam config apply\` completes it`,
      { cause: init.cause },
    );
    this.applied = applied;
    this.failed = failed;
    this.remaining = remaining;
    this.total = total;
    this.kind = errorKind(init.cause);
  }
}
