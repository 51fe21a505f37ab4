import {
  ApiError,
  AuthenticationError,
  ConnectionError,
  InvalidInputError,
  NotFoundError,
  PermissionError,
  redactText,
  ThrottledError,
} from "@ciamkit/core";
import type { CallToolResult } from "../mcp-sdk.ts";
import { boundedText } from "./bounded-text.ts";

/** An `isError` tool result with one text block: what happened, the ids to quote, what to do next. */
export function errorResult(text: string): CallToolResult {
  return { isError: true, content: [{ type: "text", text: boundedText(text) }] };
}

/**
 * Turns any failure of an operation into an `isError` result a model can act on: the service's code
 * and message, the request ids for a support ticket, and the next step. Messages go through core's
 * redaction, so a token or secret echoed by a service never reaches the model.
 */
export function toolErrorResult(error: unknown, tool: string, cancelled: boolean): CallToolResult {
  if (cancelled) {
    return errorResult(
      `Cancelled: ${tool} was stopped before it finished. A change it was making may or may not have reached the tenant; read the object back before retrying.`,
    );
  }
  if (error instanceof InvalidInputError) {
    return errorResult(
      `Invalid input for ${tool} (nothing was sent): ${error.issues.join("; ")}. Next: fix these fields to match the tool's input schema and call it again.`,
    );
  }
  if (error instanceof ApiError) {
    // Core's message carries its own next step; the service's message alone keeps the advice to the
    // `Next:` line below. A permission error keeps core's message: it names the permission and how to grant it.
    // A failed sign-in keeps core's message too: it names the value to check where it came from
    // (environment, profile or flags), which is not always AZURE_*.
    const signIn = error instanceof AuthenticationError && error.service === "login";
    const said = error instanceof PermissionError || signIn ? error.message : error.serviceMessage;
    const lines = [
      signIn
        ? `Token service error ${error.code}: ${said}`
        : `${error.service === "arm" ? "ARM" : "Graph"} error ${error.code} (HTTP ${error.status}): ${said}`,
    ];
    const ids = [
      error.requestId === undefined ? undefined : `request-id ${error.requestId}`,
      error.clientRequestId === undefined ? undefined : `client-request-id ${error.clientRequestId}`,
    ].filter((s) => s !== undefined);
    if (ids.length > 0) lines.push(`Ids for a support ticket: ${ids.join(", ")}.`);
    lines.push(`Next: ${nextStep(error)}`);
    return errorResult(lines.join("\n"));
  }
  const message = error instanceof Error ? error.message : String(error);
  return errorResult(
    `${tool} failed before reaching the service: ${redactText(message)}\nNext: check the input against the tool's description; if it looks right, the server's stderr log has details.`,
  );
}

/** What to do about a service error, by kind. */
function nextStep(error: ApiError): string {
  if (error instanceof PermissionError) {
    if (error.reason === "wrong-tenant-kind")
      return "do not ask for a permission grant: this tenant's kind has no such API (see the message above); tell the user it needs an Azure AD B2C tenant.";
    return error.requiredPermissions.length > 0
      ? `grant ${error.requiredPermissions.join(" and ")} to the app ciam-mcp signs in as (see the message above), then retry.`
      : "grant the missing permission to the app ciam-mcp signs in as, then retry.";
  }
  if (error instanceof ThrottledError) {
    const wait = error.retryAfterMs === undefined ? "a while" : `${Math.ceil(error.retryAfterMs / 1000)} s`;
    return `wait ${wait} before calling again, and make fewer calls at once.`;
  }
  if (error instanceof ConnectionError) {
    return error.requestMayHaveBeenSent
      ? "the service could not be reached in time; read the object back to see whether the change happened before retrying."
      : "the service could not be reached; check the network and retry.";
  }
  switch (error.status) {
    case 400:
    case 422:
      return "change the input the service rejected (the message says which) and retry.";
    case 401:
      if (error.service === "login")
        return "ciam-mcp could not sign in: tell the user to fix the credential it was started with (the message above names what to check), then restart ciam-mcp; retrying will not help.";
      return "check the credential ciam-mcp runs with (AZURE_TENANT_ID, AZURE_CLIENT_ID and the secret, certificate or token file).";
    case 404:
      return error instanceof NotFoundError && error.createdMomentsAgo
        ? "this object was created moments ago and may need a few seconds to replicate: retry shortly."
        : "check the id (list the objects to find it).";
    case 409:
      return "an object with the same key exists; read it instead of creating it again.";
    default:
      return error.status >= 500
        ? "the service failed; retry in a moment, and quote the request id if it keeps failing."
        : "see the message above.";
  }
}
