/**
 * The HTTP pipeline: an ordered list of small policies in front of a transport, as in Azure
 * core-rest-pipeline. Each policy sees the request on its way out and the response on its way back,
 * and may call `next` more than once (retry) or not at all (short-circuit).
 */

/** Which Microsoft service a request goes to; errors carry it so callers know whose contract applies. */
export type Service = "graph" | "arm" | "login";

/** HTTP methods the clients send. */
export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";

/** One outgoing request as the policies see it. Policies may change headers; the body is buffered so it can be re-sent. */
export interface PipelineRequest {
  method: HttpMethod;
  url: string;
  headers: Headers;
  body?: string | Uint8Array | undefined;
  /** The caller's signal: aborting it ends the request and every retry. */
  signal?: AbortSignal | undefined;
  /** Which service the request goes to (for errors and logs). */
  service: Service;
  /** The token scope the bearer policy asks for, e.g. `https://graph.microsoft.com/.default`. */
  scope?: string | undefined;
  /**
   * Overrides the method's idempotency (GET, HEAD, OPTIONS, PUT, DELETE are idempotent; POST and
   * PATCH are not) for the retry policy, e.g. for a POST action that only reads.
   */
  idempotent?: boolean | undefined;
  /** Retry a 404 a few times: the object was just created and may not have replicated yet. */
  readAfterWrite?: boolean | undefined;
  /** Per-attempt timeout in milliseconds, overriding the pipeline's default. */
  timeoutMs?: number | undefined;
}

/** A response with its body read into memory (pages are bounded by the service, so this is bounded too). */
export interface PipelineResponse {
  status: number;
  headers: Headers;
  body: Uint8Array;
  request: PipelineRequest;
  /** A 404 naming an object this client created moments ago (set by the read-after-write policy). */
  createdMomentsAgo?: boolean | undefined;
}

/** Sends a request onwards: the next policy, or the transport at the end. */
export type SendRequest = (request: PipelineRequest) => Promise<PipelineResponse>;

/** One step of the pipeline. */
export interface PipelinePolicy {
  /** A stable name, used to order, find and replace policies. */
  readonly name: string;
  sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse>;
}

/** Composes policies in order (the first sees the request first) in front of a transport. */
export function createPipeline(policies: readonly PipelinePolicy[], transport: SendRequest): SendRequest {
  return policies.reduceRight<SendRequest>(
    (next, policy) => (request) => policy.sendRequest(request, next),
    transport,
  );
}

/** True for methods whose repetition cannot have a different effect than sending them once (RFC 9110 §9.2.2). */
export function isIdempotent(request: PipelineRequest): boolean {
  if (request.idempotent !== undefined) return request.idempotent;
  return ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"].includes(request.method);
}

const decoder = new TextDecoder();

/** The response body as text (UTF-8). */
export function responseText(response: PipelineResponse): string {
  return decoder.decode(response.body);
}

/** The response body parsed as JSON, or `undefined` when it is empty or not JSON. */
export function responseJson(response: PipelineResponse): unknown {
  const text = responseText(response);
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
