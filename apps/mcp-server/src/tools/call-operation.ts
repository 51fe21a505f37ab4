import {
  InvalidInputError,
  isApiError,
  type Operation,
  type OperationProgress,
  RemovalNotConfirmedError,
  revisedInput,
  validateInput,
} from "@ciamkit/core";
import type {
  CallToolResult,
  McpServer,
  RequestHandlerExtra,
  ServerNotification,
  ServerRequest,
} from "../mcp-sdk.ts";
import { compact } from "./compact.ts";
import { type ConfirmPolicy, confirmDestructive } from "./confirm.ts";
import { removalConfirmer } from "./confirm-removals.ts";
import { CURSOR_TABLE_SIZE, type CursorTable } from "./cursor-table.ts";
import { errorResult, invalidInputResult, toolErrorResult } from "./error-result.ts";
import { hiddenInputRefusal, hiddenInputs } from "./hidden-inputs.ts";
import { checkHostPaths, type FilesPolicy } from "./host-path-inputs.ts";
import type { OperationRunner } from "./operation-runner.ts";
import { toolInputSchema } from "./page-size.ts";
import { renderText } from "./render-text.ts";
import { outputJsonSchema } from "./slim-schema.ts";

/** What every tool call runs with. */
export interface ToolRuntime {
  runner: OperationRunner;
  confirm: ConfirmPolicy;
  /** Short ids for list cursors handed to the model, and the core cursors behind them. */
  cursors: CursorTable;
  /** Diagnostic lines (stderr in the bin): tool, outcome, duration; never arguments or results. */
  log: (line: string) => void;
  /** Where tools may read and write files (`--files-dir`); nowhere by default. */
  files: FilesPolicy;
}

/** The `extra` the SDK passes to a tool callback. */
export type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/**
 * The one wrapper every tool goes through (the catalog tools and discovery's `operation_run`):
 * validate the arguments against the tool's input schema, refuse or resolve paths on the server's
 * machine (see {@link checkHostPaths}), confirm a destructive call, run the
 * operation with the request's cancellation signal and progress token, shape the result into
 * `structuredContent` plus a compact text rendering, and turn every failure into an `isError`
 * result. Nothing escapes as a protocol error.
 */
export async function callOperation(
  server: McpServer,
  runtime: ToolRuntime,
  operation: Operation,
  args: Record<string, unknown>,
  extra: ToolExtra,
): Promise<CallToolResult> {
  const started = performance.now();
  const refusal = hiddenInputRefusal(operation.name, hiddenInputs(operation), args);
  if (refusal !== undefined) {
    runtime.log(`ciam-mcp: ${operation.name} refused a CLI-only input`);
    return refusal;
  }
  const schema = toolInputSchema(operation);
  let data: Record<string, unknown>;
  try {
    // Validated once, by core: the operation runs this input without parsing it again.
    data = validateInput(operation, args, { schema });
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    runtime.log(`ciam-mcp: ${operation.name} refused invalid input`);
    return invalidInputResult(operation.name, error, Object.keys(schema.shape));
  }
  if (pagesWithCursor(operation) && typeof data.cursor === "string") {
    const cursor = runtime.cursors.resolve(operation.name, data.cursor);
    if (cursor === undefined) {
      runtime.log(`ciam-mcp: ${operation.name} refused an unknown cursor`);
      return errorResult(
        `Unknown or expired cursor for ${operation.name} (nothing was sent): a cursor works only with the tool that returned it, on this connection, for its ${CURSOR_TABLE_SIZE} most recent pages. Next: call ${operation.name} again without cursor to start from the first page.`,
      );
    }
    data = revisedInput(data, { cursor });
  }
  const paths = checkHostPaths(operation.name, schema, data, runtime.files);
  if (!paths.ok) {
    runtime.log(`ciam-mcp: ${operation.name} refused a file path`);
    return paths.result;
  }
  data = revisedInput(data, paths.input);
  const done = (outcome: string) =>
    runtime.log(`ciam-mcp: ${operation.name} ${outcome} in ${Math.round(performance.now() - started)} ms`);
  const removals = removalConfirmer(server.server, runtime.confirm, extra.requestId);
  try {
    const refusal = await confirmDestructive(
      server.server,
      operation,
      data,
      runtime.confirm,
      extra.requestId,
      { runner: runtime.runner, signal: extra.signal },
    );
    if (refusal !== undefined) {
      done("not confirmed");
      return refusal;
    }
    const output = await runtime.runner.run(operation, data, {
      signal: extra.signal,
      onProgress: progressSender(extra),
      confirmRemovals: removals.confirm,
    });
    const structured = shape(operation, shortCursor(runtime.cursors, operation, output));
    done("ok");
    return {
      structuredContent: structured.value,
      content: [{ type: "text", text: renderText(structured.value, structured.notes) }],
    };
  } catch (error) {
    const notConfirmed = error instanceof RemovalNotConfirmedError ? removals.refusal() : undefined;
    if (notConfirmed !== undefined) {
      done("not confirmed");
      return notConfirmed;
    }
    const result = toolErrorResult(error, operation.name, extra.signal.aborted);
    const summary = failureSummary(error);
    done(`failed (${summary})`);
    // Also to the client's log (MCP logging, filtered by the level it set): ids only, never arguments.
    void server.server
      .sendLoggingMessage(
        { level: "warning", logger: "ciam-mcp", data: `${operation.name} failed: ${summary}` },
        extra.sessionId,
      )
      .catch(() => {});
    return result;
  }
}

/**
 * An operation that takes a `cursor` and returns a `nextCursor`: a list, or an export returned page by
 * page. Its cursors are handed out short (see {@link CursorTable}).
 */
function pagesWithCursor(operation: Operation): boolean {
  return (
    operation.list === true || ("cursor" in operation.input.shape && "nextCursor" in operation.output.shape)
  );
}

/** A page with its `nextCursor` swapped for a short id from the table (see {@link CursorTable}). */
function shortCursor(cursors: CursorTable, operation: Operation, output: unknown): unknown {
  if (!pagesWithCursor(operation) || output === null || typeof output !== "object") return output;
  const next = (output as { nextCursor?: unknown }).nextCursor;
  if (typeof next !== "string") return output;
  return { ...output, nextCursor: cursors.shorten(operation.name, next) };
}

/**
 * The compact form of an output (see {@link compact}) that still matches the output schema: with long
 * strings cut, else whole (a cut URL is no longer a URL), else the output as the operation returned it. Secret fields are never
 * cut, and get a note that they are shown once.
 */
function shape(operation: Operation, output: unknown): { value: Record<string, unknown>; notes: string[] } {
  const keepWhole = operation.secretOutputFields;
  const schema = outputJsonSchema(operation.output);
  const { binary, inlineFiles } = operation;
  let small = compact(output, schema, { keepWhole, binary, inlineFiles });
  // Core validated the output; only a cut string can break it again (a cut URL is no longer a URL).
  if (small.cut && !operation.output.safeParse(small.value).success)
    small = compact(output, schema, { binary, cutNothing: true });
  const notes = [
    ...(keepWhole ?? []).map(
      (field) =>
        `${field} is a secret shown only this once; hand it to the user to store in a secret store, and do not repeat it`,
    ),
    ...small.notes,
  ];
  return { value: small.value as Record<string, unknown>, notes };
}

/** The error's kind, service code and request id: what an operator needs to find the call, nothing more. */
function failureSummary(error: unknown): string {
  if (!isApiError(error)) return error instanceof Error ? error.name : "error";
  return [error.name, error.code, error.requestId === undefined ? undefined : `request-id ${error.requestId}`]
    .filter((part) => part !== undefined)
    .join(" ");
}

/**
 * Forwards an operation's progress as `notifications/progress` when the client sent a progress
 * token. MCP requires the progress value to increase, so steps without a count use a running number.
 */
function progressSender(extra: ToolExtra): ((progress: OperationProgress) => void) | undefined {
  const token = extra._meta?.progressToken;
  if (token === undefined) return undefined;
  let step = 0;
  return (progress) => {
    // A count that did not move is no progress, and counting past it would pass the total.
    if (progress.done !== undefined && progress.done <= step && progress.total !== undefined) return;
    step = Math.max(step + 1, progress.done ?? 0);
    void extra
      .sendNotification({
        method: "notifications/progress",
        params: {
          progressToken: token,
          progress: step,
          ...(progress.total === undefined ? {} : { total: progress.total }),
          message: progress.message,
        },
      })
      .catch(() => {});
  };
}
