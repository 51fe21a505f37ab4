import { destructiveTarget, escapeControlCharacters, type Operation } from "@ciamkit/core";
import type { CallToolResult, Server } from "../mcp-sdk.ts";
import { errorResult } from "./error-result.ts";
import type { OperationRunner } from "./operation-runner.ts";

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
  lookUp?: { runner: OperationRunner; signal: AbortSignal },
): Promise<CallToolResult | undefined> {
  // An operation that confirms itself (config_apply: its plan) asks once it knows what it will do.
  if (operation.access !== "destructive" || operation.confirmsItself === true) return undefined;
  if (server.getClientCapabilities()?.elicitation === undefined) {
    if (policy.allowDestructive) return undefined;
    return errorResult(
      `Refused: ${operation.name} is destructive (${operation.title.toLowerCase()}) and this client cannot ask the user to confirm it (no MCP elicitation support). Nothing was changed. Next: ask the user to do it another way (the ciam CLI), or restart ciam-mcp with --allow-destructive to allow destructive tools without confirmation.`,
    );
  }
  // The name is read with the area's get operation (core's destructiveTarget), best effort: when the
  // read fails the question shows the ids only.
  const found = await destructiveTarget(operation, args, (get, input) =>
    lookUp === undefined
      ? Promise.resolve(undefined)
      : lookUp.runner.run(get, input, { signal: lookUp.signal }).catch(() => undefined),
  );
  const ids = (found?.fields ?? []).map(([k, v]) => `${k}=${v}`).join(", ");
  // The name is the tenant's text and the ids the model's: escaped, so neither can add lines to the
  // question the user answers or reorder it.
  const target = escapeControlCharacters(
    [found?.name === undefined ? undefined : `'${found.name}'`, ids === "" ? undefined : `(${ids})`]
      .filter((part) => part !== undefined)
      .join(" "),
  );
  const answer = await server.elicitInput(
    {
      mode: "form",
      message: `${operation.title}${target === "" ? "" : ` ${target}`}? ${consequence(operation.name)}`,
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

/**
 * What the user is agreeing to, by the kind of removal: a delete cannot be undone from here, while
 * unlinking or removing a member leaves both objects in place (it can be added back), and a removed
 * client secret is gone for good (Graph's removePassword keeps no copy).
 */
function consequence(name: string): string {
  if (name === "app_password_remove")
    return "Apps signing in with this secret stop working, and it cannot be restored.";
  if (name.endsWith("_remove"))
    return "Only the link is removed: both objects stay, and it can be added back later.";
  if (name.endsWith("_revoke")) return "The app loses this permission until it is granted again.";
  return "This cannot be undone from here.";
}
