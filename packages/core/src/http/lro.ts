/**
 * ARM long-running operations
 * (https://learn.microsoft.com/azure/azure-resource-manager/management/async-operations): follow
 * `Azure-AsyncOperation` (a status resource) or `Location` (202 until done), waiting `Retry-After`,
 * reporting progress, resumable from a token and cancellable by `AbortSignal`.
 */
import { InputError } from "../input-error.ts";
import { ApiError, errorFromResponse } from "./errors.ts";
import type { HttpMethod, PipelineResponse } from "./pipeline.ts";
import { responseJson } from "./pipeline.ts";
import { retryAfterMs } from "./retry-after.ts";
import type { ServiceClient } from "./service-client.ts";
import { sleep } from "./sleep.ts";

/** What a poll learnt. */
export interface LroProgress {
  status: string;
  percentComplete?: number | undefined;
  /** Pass to {@link resumeLongRunning} to continue polling later, e.g. from another process. */
  resumeToken: string;
}

/** Options of the polling functions. */
export interface LroOptions {
  /** Wait between polls when the service gives no `Retry-After` (default 10 s). */
  intervalMs?: number;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: LroProgress) => void) | undefined;
}

/** What a resume token holds. */
export interface LroState {
  /** `async` = Azure-AsyncOperation status resource; `location` = Location polling. */
  k: "async" | "location";
  /** The URL to poll. */
  p: string;
  /** The resource's URL, read at the end of a PUT/PATCH. */
  r: string;
  /** The initial method. */
  m: HttpMethod;
}

function encode(state: LroState): string {
  return Buffer.from(JSON.stringify(state)).toString("base64url");
}

/** Reads a resume token made by {@link lroResumeToken}; throws a clear error for anything else. */
export function decodeResumeToken(token: string): LroState {
  try {
    const s = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Partial<LroState>;
    if (
      (s.k === "async" || s.k === "location") &&
      typeof s.p === "string" &&
      typeof s.r === "string" &&
      typeof s.m === "string"
    ) {
      return s as LroState;
    }
  } catch {
    // fall through
  }
  throw new InputError("Not a resume token of a long-running operation.");
}

const TERMINAL_FAILED = new Set(["failed", "canceled", "cancelled"]);

function failure(status: string, body: unknown, response: PipelineResponse): ApiError {
  const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
  return new ApiError({
    service: "arm",
    status: response.status,
    code: error?.code ?? `Operation${status}`,
    message: `The long-running operation ended ${status}: ${error?.message ?? "no reason given"}.`,
    request: { method: response.request.method, url: response.request.url },
    requestId: response.headers.get("x-ms-request-id") ?? undefined,
  });
}

/**
 * Polls from a resume token until the operation ends; returns the final resource body (`undefined`
 * for deletes). A failed or cancelled operation throws an {@link ApiError} with the service's code.
 */
export async function resumeLongRunning<T>(
  client: ServiceClient,
  resumeToken: string,
  options: LroOptions = {},
): Promise<T> {
  const state = decodeResumeToken(resumeToken);
  const intervalMs = options.intervalMs ?? 10_000;
  for (;;) {
    const response = await client.send("GET", state.p, { signal: options.signal });
    if (response.status >= 400) throw errorFromResponse(response);
    const body = responseJson(response);
    const wait = retryAfterMs(response.headers) ?? intervalMs;
    if (state.k === "async") {
      const status = String((body as { status?: unknown } | undefined)?.status ?? "InProgress");
      const percent = (body as { percentComplete?: unknown } | undefined)?.percentComplete;
      options.onProgress?.({
        status,
        percentComplete: typeof percent === "number" ? percent : undefined,
        resumeToken,
      });
      if (status.toLowerCase() === "succeeded") {
        if (state.m === "DELETE" || state.m === "POST") return undefined as T;
        return client.get<T>(state.r, { signal: options.signal });
      }
      if (TERMINAL_FAILED.has(status.toLowerCase())) throw failure(status, body, response);
    } else {
      if (response.status !== 202) {
        options.onProgress?.({ status: "Succeeded", resumeToken });
        if (state.m === "DELETE") return undefined as T;
        return (body ?? (await client.get<T>(state.r, { signal: options.signal }))) as T;
      }
      options.onProgress?.({ status: "InProgress", resumeToken });
    }
    await sleep(wait, options.signal);
  }
}

/** The resume token for an operation's first response, or `undefined` when it finished synchronously. */
export function lroResumeToken(initial: PipelineResponse): string | undefined {
  const asyncUrl = initial.headers.get("azure-asyncoperation");
  const location = initial.headers.get("location");
  const resourceUrl = initial.request.url;
  if (asyncUrl !== null)
    return encode({ k: "async", p: asyncUrl, r: resourceUrl, m: initial.request.method });
  if (location !== null && initial.status === 202) {
    return encode({ k: "location", p: location, r: resourceUrl, m: initial.request.method });
  }
  return undefined;
}

/**
 * Starts an ARM request that may be long-running (PUT, PATCH, DELETE, POST) and waits for its end.
 * A synchronous answer (200/204, or 201 without a status link) is returned as is.
 */
export async function beginLongRunning<T>(
  client: ServiceClient,
  method: HttpMethod,
  path: string,
  body: unknown,
  options: LroOptions = {},
): Promise<T> {
  const initial = await client.send(method, path, { body, signal: options.signal });
  if (initial.status >= 400) throw errorFromResponse(initial);
  const token = lroResumeToken(initial);
  if (token === undefined) return responseJson(initial) as T;
  options.onProgress?.({ status: "Accepted", resumeToken: token });
  await sleep(retryAfterMs(initial.headers) ?? options.intervalMs ?? 10_000, options.signal);
  return resumeLongRunning<T>(client, token, options);
}
