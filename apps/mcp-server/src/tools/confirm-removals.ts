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
    const words = wording(request);
    if (server.getClientCapabilities()?.elicitation === undefined) {
      if (policy.allowDestructive) return true;
      refusal = errorResult(words.cannotAsk);
      return false;
    }
    const answer = await server.elicitInput(
      {
        mode: "form",
        message: words.question,
        requestedSchema: {
          type: "object",
          properties: { confirm: { type: "boolean", title: words.yes, default: false } },
          required: ["confirm"],
        },
      },
      { relatedRequestId },
    );
    if (answer.action === "accept" && answer.content?.confirm === true) return true;
    refusal = errorResult(words.refused(answer.action === "cancel" ? "cancelled" : "declined"));
    return false;
  };
  return { confirm, refusal: () => refusal };
}

/**
 * What the user is asked and told: the removals named one by one, or (config_apply) the whole plan
 * as core wrote it, names escaped there.
 */
function wording(request: RemovalRequest) {
  const op = request.operation;
  if (request.summary !== undefined) {
    const summary = request.summary;
    return {
      cannotAsk: `Refused: ${op} would make these changes, and this client cannot ask the user to confirm them (no MCP elicitation support). Nothing was changed.\n${summary}Next: ask the user to apply it another way (the ciam CLI), or restart ciam-mcp with --allow-destructive.`,
      question: `${op} will make these changes:\n${summary}Apply them?`,
      yes: "Yes, apply these changes",
      refused: (how: string) =>
        `Not done: the user ${how} the changes of ${op}. Nothing was changed. Next: do not retry unless the user asks again.`,
    };
  }
  // Removals name tenant objects by their names: escaped before the user or the model reads them.
  const what = escapeControlCharacters(request.removals.join("; "));
  return {
    cannotAsk: `Refused: ${op} would remove ${what}, and this client cannot ask the user to confirm it (no MCP elicitation support). Nothing was changed. Next: keep those in the input if they should stay; to remove them, ask the user to do it another way (the ciam CLI), or restart ciam-mcp with --allow-destructive.`,
    question: `${op} will remove ${what}. Continue?`,
    yes: "Yes, remove them",
    refused: (how: string) =>
      `Not done: the user ${how} removing ${what} (${op}). Nothing was changed. Next: keep those in the input, or do not retry unless the user asks again.`,
  };
}
