/**
 * One poll of an ARM long-running operation from its resume token, for callers that check on an
 * operation now and then (an MCP tool call, a CLI `status` command) instead of waiting for it.
 */

import { errorFromResponse } from "./errors.ts";
import { decodeResumeToken } from "./lro.ts";
import { responseJson } from "./pipeline.ts";
import { retryAfterMs } from "./retry-after.ts";
import type { ServiceClient } from "./service-client.ts";

/** Where an operation stands. */
export interface LroStatus {
  /** The service's status: `InProgress`, `Succeeded`, `Failed`, `Canceled` (ARM convention). */
  status: string;
  /** True once the status is terminal. */
  done: boolean;
  percentComplete?: number | undefined;
  /** How long the service asks to wait before the next poll. */
  retryAfterMs?: number | undefined;
  /** The service's error for a failed operation. */
  error?: { code: string; message: string } | undefined;
}

const TERMINAL = new Set(["succeeded", "failed", "canceled", "cancelled"]);

/** Polls once: reads the `Azure-AsyncOperation` status resource (or the `Location` URL: 202 = running). */
export async function longRunningStatus(
  client: ServiceClient,
  resumeToken: string,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<LroStatus> {
  const state = decodeResumeToken(resumeToken);
  const response = await client.send("GET", state.p, { signal: options.signal });
  if (response.status >= 400) throw errorFromResponse(response);
  const wait = retryAfterMs(response.headers);
  if (state.k === "location") {
    const running = response.status === 202;
    return { status: running ? "InProgress" : "Succeeded", done: !running, retryAfterMs: wait };
  }
  const body = (responseJson(response) ?? {}) as {
    status?: unknown;
    percentComplete?: unknown;
    error?: { code?: unknown; message?: unknown } | null;
  };
  const status = typeof body.status === "string" ? body.status : "InProgress";
  const error =
    body.error !== null && body.error !== undefined
      ? { code: String(body.error.code ?? "OperationFailed"), message: String(body.error.message ?? "") }
      : undefined;
  return {
    status,
    done: TERMINAL.has(status.toLowerCase()),
    percentComplete: typeof body.percentComplete === "number" ? body.percentComplete : undefined,
    retryAfterMs: wait,
    error,
  };
}
