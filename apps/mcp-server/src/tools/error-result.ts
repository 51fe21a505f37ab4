import {
  type ChangeRef,
  errorKind,
  escapeControlCharacters,
  type InvalidInputError,
  isServiceFailure,
  nextStep,
  redactText,
  supportIds,
} from "@ciamkit/core";
import type { CallToolResult } from "../mcp-sdk.ts";
import { boundedText } from "./bounded-text.ts";

/** An `isError` tool result with one text block: what happened, the ids to quote, what to do next. */
export function errorResult(text: string): CallToolResult {
  return { isError: true, content: [{ type: "text", text: boundedText(text) }] };
}

/**
 * Turns any failure of an operation into an `isError` result a model can act on, rendered from
 * core's classification ({@link errorKind}, {@link nextStep}): the service's code and message, the
 * request ids for a support ticket, and the next step. Messages go through core's redaction, so a
 * token or secret echoed by a service never reaches the model.
 */
export function toolErrorResult(error: unknown, tool: string, cancelled: boolean): CallToolResult {
  const stopped = applyFailure(error);
  if (stopped !== undefined) {
    const cause = toolErrorResult((error as Error).cause, tool, cancelled).content[0];
    return errorResult(
      `${stopped}\n${cause?.type === "text" ? cause.text : ""}\nThen: call config_plan to see what remains; config_apply completes it.`,
    );
  }
  const kind = errorKind(error);
  if (cancelled) {
    return errorResult(
      `Cancelled: ${tool} was stopped before it finished. A change it was making may or may not have reached the tenant; read the object back before retrying.`,
    );
  }
  if (kind === "usage" && (error as Error).name === "InvalidInputError")
    return invalidInputResult(tool, error as InvalidInputError, []);
  if (isServiceFailure(error)) {
    // Core's message carries its own next step; the service's message alone keeps the advice to the
    // `Next:` line below. A permission error keeps core's message: it names the permission and how to grant it.
    // A failed sign-in keeps core's message too: it names the value to check where it came from
    // (environment, profile or flags), which is not always AZURE_*.
    const signIn = kind === "auth" && error.service === "login";
    const said =
      kind === "permission" || signIn
        ? error.message
        : ((error as { serviceMessage?: string }).serviceMessage ?? error.message);
    const lines = [
      signIn
        ? `Token service error ${error.code}: ${said}`
        : `${error.service === "arm" ? "ARM" : "Graph"} error ${error.code} (HTTP ${error.status}): ${said}`,
    ];
    const ids = supportIds(error);
    if (ids.length > 0) lines.push(`Ids for a support ticket: ${ids.join(", ")}.`);
    lines.push(`Next: ${nextStep(error, kind, { program: "ciam-mcp" })}`);
    return errorResult(lines.join("\n"));
  }
  const message = error instanceof Error ? error.message : String(error);
  return errorResult(
    `${tool} failed before reaching the service: ${redactText(message)}\nNext: check the input against the tool's description; if it looks right, the server's stderr log has details.`,
  );
}

/**
 * Core's refusal of an input (nothing was sent), for a model: the fields the tool does not take, with
 * the ones it does, or the schema's problems. `known` is the tool's top-level input fields.
 */
export function invalidInputResult(
  tool: string,
  error: Pick<InvalidInputError, "issues" | "unknownFields">,
  known: readonly string[],
): CallToolResult {
  const unknown = error.unknownFields.map((f) => f.field);
  if (unknown.length === 0) {
    return errorResult(
      `Invalid input for ${tool} (nothing was sent): ${error.issues.join("; ")}. Next: fix these fields to match the tool's input schema and call it again.`,
    );
  }
  const shown = unknown.slice(0, 10).map((path) => JSON.stringify(path.slice(0, 100)));
  const more = unknown.length > shown.length ? ` and ${unknown.length - shown.length} more` : "";
  return errorResult(
    `Invalid input for ${tool} (nothing was sent): unknown field${unknown.length === 1 ? "" : "s"} ${shown.join(", ")}${more}. Next: use only the fields of the tool's input schema (${known.join(", ")}) and call it again.`,
  );
}

/** A change as the tenant names it, escaped so a name cannot add lines to the result. */
const label = (c: ChangeRef & { step?: string }) =>
  `${c.action} ${c.kind} '${escapeControlCharacters(c.name)}'${c.step === "permissions" ? " (its required permissions)" : ""}`;
const labels = (changes: readonly ChangeRef[]) =>
  changes.length === 0 ? "none" : changes.map(label).join(", ");

/**
 * Core's `ApplyError` (known by name and fields, as {@link errorKind} knows errors): what apply made
 * before a change failed, the change, and what it did not run; undefined for any other error.
 */
function applyFailure(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || (error as Error).name !== "ApplyError") return undefined;
  const { applied, failed, remaining, total } = error as {
    applied?: ChangeRef[];
    failed?: ChangeRef;
    remaining?: ChangeRef[];
    total?: number;
  };
  if (applied === undefined || failed === undefined || remaining === undefined) return undefined;
  return [
    `Apply stopped part-way: applied ${applied.length} of ${total ?? "?"} changes (${labels(applied)}).`,
    `Failed: ${label(failed)}.`,
    `Not run: ${labels(remaining)}.`,
  ].join("\n");
}
