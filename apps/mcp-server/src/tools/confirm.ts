import { areaPrefix, escapeControlCharacters, type Operation, operations } from "@ciamkit/core";
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
  if (operation.access !== "destructive") return undefined;
  if (server.getClientCapabilities()?.elicitation === undefined) {
    if (policy.allowDestructive) return undefined;
    return errorResult(
      `Refused: ${operation.name} is destructive (${operation.title.toLowerCase()}) and this client cannot ask the user to confirm it (no MCP elicitation support). Nothing was changed. Next: ask the user to do it another way (the ciam CLI), or restart ciam-mcp with --allow-destructive to allow destructive tools without confirmation.`,
    );
  }
  const ids = Object.entries(args)
    .filter(([, v]) => typeof v === "string" || typeof v === "number")
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(", ");
  const name = lookUp === undefined ? undefined : await targetName(operation, args, lookUp);
  // The name is the tenant's text and the ids the model's: escaped, so neither can add lines to the
  // question the user answers or reorder it.
  const target = escapeControlCharacters(
    [name === undefined ? undefined : `'${name}'`, ids === "" ? undefined : `(${ids})`]
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

/**
 * The name of the object a destructive call targets, read with its area's `get` operation when that
 * takes the same identifying fields (as the CLI does), so the user confirms "Beta testers", not a
 * GUID. Best effort: when there is no such operation or the read fails, the question shows ids only.
 */
async function targetName(
  operation: Operation,
  args: Record<string, unknown>,
  lookUp: { runner: OperationRunner; signal: AbortSignal },
): Promise<string | undefined> {
  const get = operations.find(
    (op) => op.area === operation.area && op.name === `${areaPrefix(op.area)}_get` && op.access === "read",
  );
  const keys = Object.keys(args).filter((k) => args[k] !== undefined);
  if (get === undefined || keys.length === 0 || !keys.every((k) => k in get.input.shape)) return undefined;
  try {
    const item = (await lookUp.runner.run(get, args, { signal: lookUp.signal })) as Record<string, unknown>;
    const name = item.displayName ?? item.userPrincipalName ?? item.name;
    return typeof name === "string" && name !== "" ? name : undefined;
  } catch {
    return undefined;
  }
}
