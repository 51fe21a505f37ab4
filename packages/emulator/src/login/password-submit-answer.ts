import type { ExtensionAnswer } from "./extension-call.ts";

/** What the sign-in does after the onPasswordSubmit call. */
export type PasswordSubmitOutcome =
  | { kind: "migrate" }
  | { kind: "update" }
  | { kind: "retry" }
  | { kind: "block"; title: string | null; message: string | null }
  /** No usable answer: the sign-in fails and nothing changes. `code` is Entra's custom extension error. */
  | { kind: "failed"; code: number; reason: string };

const ACTIONS: Readonly<Record<string, "migrate" | "update" | "retry" | "block">> = {
  "microsoft.graph.passwordsubmit.migratepassword": "migrate",
  "microsoft.graph.passwordsubmit.updatepassword": "update",
  "microsoft.graph.passwordsubmit.retry": "retry",
  "microsoft.graph.passwordsubmit.block": "block",
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);
const odataType = (v: unknown): string => (typeof v === "string" ? v : "").replace(/^#/, "").toLowerCase();
const text = (v: unknown): string | null => (typeof v === "string" ? v : null);

/**
 * Checks the endpoint's answer as Entra does (custom extension error codes of
 * https://learn.microsoft.com/entra/identity-platform/custom-extension-troubleshoot): status 200,
 * JSON, `onPasswordSubmitResponseData` with one known action, and the nonce of the request echoed.
 * Action types compare case-insensitively (Microsoft writes both passwordSubmit and passwordsubmit).
 */
export function interpretAnswer(answer: ExtensionAnswer, nonce: string): PasswordSubmitOutcome {
  if (answer.kind === "timeout")
    return {
      kind: "failed",
      code: 1003005,
      reason: "The custom extension didn't respond within the allowed timeout.",
    };
  if (answer.kind === "unreachable")
    return { kind: "failed", code: 1003001, reason: "Unexpected error calling the custom extension API." };
  if (answer.status !== 200)
    return {
      kind: "failed",
      code: 1003002,
      reason: `The custom extension API returned HTTP ${answer.status}; it must answer 200.`,
    };
  if (!/^application\/json\b/i.test(answer.contentType))
    return {
      kind: "failed",
      code: 1003006,
      reason: "The custom extension's response content-type isn't 'application/json'.",
    };
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    body = undefined;
  }
  const data = isObject(body) ? body.data : undefined;
  const invalid = (why: string): PasswordSubmitOutcome => ({
    kind: "failed",
    code: 1003003,
    reason: `There was a problem parsing the custom extension's response body: ${why}`,
  });
  if (!isObject(data) || odataType(data["@odata.type"]) !== "microsoft.graph.onpasswordsubmitresponsedata")
    return invalid("data.@odata.type must be microsoft.graph.onPasswordSubmitResponseData.");
  if (data.nonce !== nonce) return invalid("data.nonce must echo the nonce of the password context.");
  const actions = Array.isArray(data.actions) ? data.actions : [];
  const action = actions[0];
  const kind = isObject(action) ? ACTIONS[odataType(action["@odata.type"])] : undefined;
  if (actions.length !== 1 || kind === undefined || !isObject(action))
    return invalid(
      "data.actions must hold exactly one MigratePassword, UpdatePassword, Retry or Block action.",
    );
  if (kind === "block") return { kind, title: text(action.title), message: text(action.message) };
  return { kind };
}
