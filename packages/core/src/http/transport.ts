/**
 * The last step of the pipeline: `fetch`, with an optional trusted CA through an undici `Agent`
 * passed as `dispatcher` (no process-wide TLS switch such as `NODE_TLS_REJECT_UNAUTHORIZED`), and
 * through the environment's proxy (`HTTPS_PROXY`, `NO_PROXY`: see `proxy.ts`), with or without it.
 */
import * as tls from "node:tls";
import type * as Undici from "undici";
import { lazyModule } from "../lazy-module.ts";
import { ConnectionError } from "./errors.ts";
import type { PipelineRequest, PipelineResponse, SendRequest } from "./pipeline.ts";
import { createDispatcher, proxyConfigured } from "./proxy.ts";

/** undici, for the CA-trusting or proxying agent: loaded by the first request that needs one. */
const loadUndici = lazyModule<typeof Undici>("undici");

/** Options of {@link createFetchTransport}. */
export interface FetchTransportOptions {
  /** PEM certificate(s) to trust in addition to the system store, e.g. the emulator's CA. */
  ca?: string | readonly string[] | undefined;
  /** A `fetch` to use instead of the global one (tests). */
  fetch?: typeof fetch | undefined;
}

/** A transport with the connection pool it owns; `close()` ends the pool's sockets. */
export interface FetchTransport {
  send: SendRequest;
  /** The `fetch` with the CA applied, for other clients (MSAL's network module). */
  fetch: typeof fetch;
  /**
   * Lets requests in flight finish, then closes the pool's connections so the process can exit.
   * The transport stays usable: a later request opens a new pool.
   */
  close(): Promise<void>;
}

// Errors raised before a byte of the request left: the service cannot have acted on it.
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let i = 0; i < 4 && current !== null && typeof current === "object"; i++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Wraps a `fetch` failure in a {@link ConnectionError} that says whether the request may have been sent. */
export function connectionError(
  request: PipelineRequest,
  error: unknown,
  phase: "connect" | "body",
): ConnectionError {
  const code = causeCode(error) ?? "ConnectionFailed";
  const mayHaveBeenSent = phase === "body" || !NOT_SENT_CODES.has(code);
  return new ConnectionError({
    service: request.service,
    status: 0,
    code,
    message: `${request.method} to ${request.service} failed before a complete response arrived (${code}). The service may be unreachable; check the network or endpoint, then retry.`,
    clientRequestId:
      request.headers.get("client-request-id") ?? request.headers.get("x-ms-client-request-id") ?? undefined,
    request: { method: request.method, url: request.url },
    requestMayHaveBeenSent: mayHaveBeenSent,
  });
}

/** The certificates Node trusts by default (`tls.getCACertificates`, Node ≥ 22.15; its bundled roots before). */
function defaultCaCertificates(): readonly string[] {
  return typeof tls.getCACertificates === "function"
    ? tls.getCACertificates("default")
    : tls.rootCertificates;
}

/** Builds the fetch transport. */
export function createFetchTransport(options: FetchTransportOptions = {}): FetchTransport {
  const baseFetch = options.fetch ?? globalThis.fetch;
  // `ca` adds to what Node trusts (its roots, NODE_EXTRA_CA_CERTS, the system store with
  // --use-system-ca): given alone to undici it would replace them, and a client given the CA of a
  // proxy or an emulator could no longer reach hosts those roots vouch for.
  const ca =
    options.ca === undefined
      ? undefined
      : [...defaultCaCertificates(), ...(typeof options.ca === "string" ? [options.ca] : options.ca)];
  const useProxy = proxyConfigured();
  // Created on first use and again after close(): a closed undici Agent refuses every request.
  let agent: Undici.Dispatcher | undefined;
  const trustedFetch: typeof fetch =
    ca === undefined && !useProxy
      ? baseFetch
      : (input, init) => {
          agent ??= createDispatcher(loadUndici(), ca, useProxy);
          return baseFetch(input, { ...init, dispatcher: agent } as unknown as RequestInit);
        };

  const send = async (request: PipelineRequest): Promise<PipelineResponse> => {
    let response: Response;
    try {
      response = await trustedFetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body === undefined ? null : (request.body as NonNullable<RequestInit["body"]>),
        signal: request.signal ?? null,
        redirect: "manual",
      });
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      throw connectionError(request, error, "connect");
    }
    try {
      const body = new Uint8Array(await response.arrayBuffer());
      return { status: response.status, headers: response.headers, body, request };
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      throw connectionError(request, error, "body");
    }
  };
  const close = async (): Promise<void> => {
    const closing = agent;
    agent = undefined;
    await closing?.close();
  };
  return { send, fetch: trustedFetch, close };
}
