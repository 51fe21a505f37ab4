/**
 * What a journal or an export state file belongs to: the operation, the tenant, the cloud and the
 * input. A run only continues from state written for the same four; anything else is refused with
 * the differences named, so an import tried on the emulator first never makes the real tenant's run
 * skip every row as "committed by an earlier run".
 */
import { hash } from "node:crypto";
import type { OperationContext } from "../operations/context.ts";
import { InvalidInputError } from "../operations/run-operation.ts";

/** Marks the first line of a journal, and the `binding` of an export state file. */
export const BINDING_MARK = "ciamkit-bulk-state";

/** The binding recorded first in a journal (and inside an export state file). */
export interface BulkBinding {
  ciamkit: typeof BINDING_MARK;
  version: 1;
  operation: string;
  /** The tenant as the caller names it (id or domain), lower-cased. */
  tenant: string;
  /** The Graph host (without its port, so the emulator's port of the day does not matter). */
  cloud: string;
  /** What was read or written: a content hash of the input file, or of an export's query. */
  input: string;
  /** Anything else that changes the meaning of the state (an import's column mapping), hashed. */
  settings?: string | undefined;
}

/** A stable hash of a JSON value (object keys sorted), for inputs and settings. */
export function stableHash(value: unknown): string {
  return `sha256:${hash("sha256", canonical(value))}`;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value) ?? "null";
}

/** The binding of a run of `operation` in `ctx` over `input`. */
export function bindingOf(
  ctx: Pick<OperationContext, "tenantId" | "graph">,
  operation: string,
  input: string,
  settings?: string,
): BulkBinding {
  return {
    ciamkit: BINDING_MARK,
    version: 1,
    operation,
    tenant: ctx.tenantId.trim().toLowerCase(),
    cloud: new URL(ctx.graph.baseUrl).hostname.toLowerCase(),
    input,
    ...(settings === undefined ? {} : { settings }),
  };
}

/** True when `value` looks like a binding (whatever its fields say). */
export function isBinding(value: unknown): value is BulkBinding {
  return (
    value !== null && typeof value === "object" && (value as { ciamkit?: unknown }).ciamkit === BINDING_MARK
  );
}

/** A value read back from a state file, shown only when it is plainly an id or a host name. */
function shown(value: unknown): string {
  return typeof value === "string" && /^[\w.:-]{1,200}$/.test(value) ? value : "(another value)";
}

/** Where a binding was read from, and how to describe its parts to the user. */
export interface BindingSource {
  operation: string;
  /** The input that chose the state file (`journalFile`, `stateFile`). */
  field: string;
  file: string;
  /** What deleting the file does: "import the file from scratch". */
  startOver: string;
  /** What `input` stands for: "the content of customers.csv". */
  input: string;
  /** What `settings` stands for: "the column mapping". */
  settings?: string | undefined;
}

/** Refuses state written for something else than `expected`, naming what differs and what to do. */
export function checkBinding(expected: BulkBinding, found: unknown, where: BindingSource): void {
  const how = `delete ${where.file} to ${where.startOver}, or give another ${where.field}`;
  if (!isBinding(found))
    throw new InvalidInputError(where.operation, [
      `${where.field}: ${where.file} does not say which tenant and input it belongs to (written by an older ciamkit, or not a ${where.operation} state file), so it is not used; ${how}`,
    ]);
  const differences: string[] = [];
  if (found.version !== expected.version) differences.push("its format version differs");
  for (const key of ["operation", "tenant", "cloud"] as const)
    if (found[key] !== expected[key])
      differences.push(
        `${key === "cloud" ? "Graph host" : key} ${shown(found[key])}, this run ${expected[key]}`,
      );
  if (found.input !== expected.input) differences.push(`${where.input} changed`);
  if (found.settings !== expected.settings) differences.push(`${where.settings ?? "the settings"} changed`);
  if (differences.length === 0) return;
  throw new InvalidInputError(where.operation, [
    `${where.field}: ${where.file} was written for another run (${differences.join("; ")}), so it is not used; ${how}`,
  ]);
}
