import { type ConfirmRemovals, escapeControlCharacters, type RemovalRequest } from "@ciamkit/core";
import type { CallToolResult, Server } from "../mcp-sdk.ts";
import type { ConfirmPolicy } from "./confirm.ts";
import { errorResult } from "./error-result.ts";

/** The confirmer one tool call runs with, and the refusal to return when it said no. */
export interface RemovalConfirmer {
  confirm: ConfirmRemovals;
  /** The `isError` result for the last refusal, once `confirm` answered `false`. */
  refusal(): CallToolResult | undefined;
}

/**
 * Confirms the links a write would remove (`user_flow_update` or `user_flow_setup` replacing a flow's
 * providers or apps) the way destructive tools are confirmed: MCP elicitation naming each removal,
 * else allowed only when the server runs with `--allow-destructive`. The model cannot confirm for the
 * user: no input field turns the question off.
 */
export function removalConfirmer(
  server: Server,
  policy: ConfirmPolicy,
  relatedRequestId: string | number,
): RemovalConfirmer {
  let refusal: CallToolResult | undefined;
  const confirm = async (request: RemovalRequest): Promise<boolean> => {
    if (request.summary !== undefined) return confirmSummary(request);
    // Removals name tenant objects by their names: escaped before the user or the model reads them.
    const what = escapeControlCharacters(request.removals.join("; "));
    if (server.getClientCapabilities()?.elicitation === undefined) {
      if (policy.allowDestructive) return true;
      refusal = errorResult(
        `Refused: ${request.operation} would remove ${what}, and this client cannot ask the user to confirm it (no MCP elicitation support). Nothing was changed. Next: keep those in the input if they should stay; to remove them, ask the user to do it another way (the ciam CLI), or restart ciam-mcp with --allow-destructive.`,
      );
      return false;
    }
    const answer = await server.elicitInput(
      {
        mode: "form",
        message: `${request.operation} will remove ${what}. Continue?`,
        requestedSchema: {
          type: "object",
          properties: { confirm: { type: "boolean", title: "Yes, remove them", default: false } },
          required: ["confirm"],
        },
      },
      { relatedRequestId },
    );
    if (answer.action === "accept" && answer.content?.confirm === true) return true;
    const how = answer.action === "cancel" ? "cancelled" : "declined";
    refusal = errorResult(
      `Not done: the user ${how} removing ${what} (${request.operation}). Nothing was changed. Next: keep those in the input, or do not retry unless the user asks again.`,
    );
    return false;
  };
  /** Everything the write will do (config_apply's plan, escaped by core), asked as one question. */
  const confirmSummary = async (request: RemovalRequest): Promise<boolean> => {
    const summary = request.summary ?? "";
    if (server.getClientCapabilities()?.elicitation === undefined) {
      if (policy.allowDestructive) return true;
      refusal = errorResult(
        `Refused: ${request.operation} would make these changes, and this client cannot ask the user to confirm them (no MCP elicitation support). Nothing was changed.\n${summary}Next: ask the user to apply it another way (the ciam CLI), or restart ciam-mcp with --allow-destructive.`,
      );
      return false;
    }
    const answer = await server.elicitInput(
      {
        mode: "form",
        message: `${request.operation} will make these changes:\n${summary}Apply them?`,
        requestedSchema: {
          type: "object",
          properties: { confirm: { type: "boolean", title: "Yes, apply these changes", default: false } },
          required: ["confirm"],
        },
      },
      { relatedRequestId },
    );
    if (answer.action === "accept" && answer.content?.confirm === true) return true;
    const how = answer.action === "cancel" ? "cancelled" : "declined";
    refusal = errorResult(
      `Not done: the user ${how} the changes of ${request.operation}. Nothing was changed. Next: do not retry unless the user asks again.`,
    );
    return false;
  };
  return { confirm, refusal: () => refusal };
}
