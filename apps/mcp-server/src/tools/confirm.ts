import type { Operation } from "@ciamkit/core";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { errorResult } from "./error-result.ts";

/** What the server does about destructive tools when the client cannot ask its user. */
export interface ConfirmPolicy {
  /** Run destructive tools without confirmation when the client cannot elicit. */
  allowDestructive: boolean;
}

/**
 * Asks the user to confirm a destructive call through MCP elicitation. Returns `undefined` when the
 * call may go ahead, or the `isError` result to return instead: a declined or cancelled confirmation,
 * or a refusal when the client cannot ask and the server was not started with `--allow-destructive`.
 * Nothing has been sent to the tenant in either case.
 */
export async function confirmDestructive(
  server: Server,
  operation: Operation,
  args: Record<string, unknown>,
  policy: ConfirmPolicy,
  relatedRequestId: string | number,
): Promise<CallToolResult | undefined> {
  if (operation.access !== "destructive") return undefined;
  if (server.getClientCapabilities()?.elicitation === undefined) {
    if (policy.allowDestructive) return undefined;
    return errorResult(
      `Refused: ${operation.name} is destructive (${operation.title.toLowerCase()}) and this client cannot ask the user to confirm it (no MCP elicitation support). Nothing was changed. Next: ask the user to do it another way (the ciam CLI), or restart ciam-mcp with --allow-destructive to allow destructive tools without confirmation.`,
    );
  }
  const target = Object.entries(args)
    .filter(([, v]) => typeof v === "string" || typeof v === "number")
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(", ");
  const answer = await server.elicitInput(
    {
      mode: "form",
      message: `${operation.title}${target === "" ? "" : ` (${target})`}? This cannot be undone from here.`,
      requestedSchema: {
        type: "object",
        properties: {
          confirm: { type: "boolean", title: `Yes, ${operation.title.toLowerCase()}`, default: false },
        },
        required: ["confirm"],
      },
    },
    { relatedRequestId },
  );
  if (answer.action === "accept" && answer.content?.confirm === true) return undefined;
  const how = answer.action === "cancel" ? "cancelled" : "declined";
  return errorResult(
    `Not done: the user ${how} ${operation.name}. Nothing was changed. Next: do not retry unless the user asks again.`,
  );
}
