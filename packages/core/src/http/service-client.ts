import type { ApiError } from "./errors.ts";
import { errorFromResponse } from "./errors.ts";
import type { HttpMethod, PipelineResponse, SendRequest, Service } from "./pipeline.ts";
import { responseJson } from "./pipeline.ts";
import type { QueryValue } from "./query.ts";
import { buildQuery } from "./query.ts";

/** Per-call options of {@link ServiceClient}. */
export interface RequestOptions {
  query?: Readonly<Record<string, QueryValue>> | undefined;
  /** A JSON body (serialised here) or raw bytes/text with a `content-type` header. */
  body?: unknown;
  headers?: Readonly<Record<string, string>> | undefined;
  signal?: AbortSignal | undefined;
  /** Retry a 404 briefly: the object was just created (see the read-after-write policy). */
  readAfterWrite?: boolean | undefined;
  /** Mark a POST as safe to repeat (it only reads). */
  idempotent?: boolean | undefined;
  timeoutMs?: number | undefined;
  /** Permissions the calling operation needs, named in a 403's error message. */
  requiredPermissions?: readonly string[] | undefined;
}

/** Options of {@link ServiceClient}'s constructor. */
export interface ServiceClientOptions {
  service: Service;
  /** Root every relative path is appended to, e.g. `https://graph.microsoft.com/v1.0`. */
  baseUrl: string;
  /** Token scope for this service, e.g. `https://graph.microsoft.com/.default`. */
  scope: string;
  /** The pipeline requests go through. */
  send: SendRequest;
}

/**
 * A client for one service (Graph or ARM) on top of the pipeline: builds URLs, serialises JSON,
 * and turns non-success responses into {@link ApiError}s. HTTP behaviour (retry, tokens, logging)
 * lives in the pipeline, not here.
 */
export class ServiceClient {
  /** The service this client talks to. */
  readonly service: Service;
  /** The root relative paths are resolved against. */
  readonly baseUrl: string;
  /** The token scope used for this service. */
  readonly scope: string;
  readonly #send: SendRequest;

  constructor(options: ServiceClientOptions) {
    this.service = options.service;
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.scope = options.scope;
    this.#send = options.send;
  }

  /**
   * The absolute URL of a path. Absolute URLs (next links, poll URLs from the service) are accepted only
   * on this client's origin, so a bearer token is never sent to a host a response named.
   */
  url(path: string, query?: Readonly<Record<string, QueryValue>>): string {
    if (/^https?:\/\//i.test(path)) {
      if (new URL(path).origin !== new URL(this.baseUrl).origin) {
        throw new Error(
          `Refusing to follow a URL outside ${new URL(this.baseUrl).origin}: ${new URL(path).origin}`,
        );
      }
      return (
        path + (query === undefined ? "" : buildQuery(query).replace(/^\?/, path.includes("?") ? "&" : "?"))
      );
    }
    return `${this.baseUrl}/${path.replace(/^\/+/, "")}${buildQuery(query)}`;
  }

  /** Sends a request and returns the response whatever its status. */
  send(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<PipelineResponse> {
    const headers = new Headers(options.headers);
    let body: string | Uint8Array | undefined;
    if (options.body instanceof Uint8Array || typeof options.body === "string") {
      body = options.body;
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
    }
    if (!headers.has("accept")) headers.set("accept", "application/json");
    return this.#send({
      method,
      url: this.url(path, options.query),
      headers,
      body,
      signal: options.signal,
      service: this.service,
      scope: this.scope,
      idempotent: options.idempotent,
      readAfterWrite: options.readAfterWrite,
      timeoutMs: options.timeoutMs,
    });
  }

  /** Sends a request and returns its parsed JSON body (`undefined` for 204); throws an {@link ApiError} otherwise. */
  async request<T = unknown>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(method, path, options);
    if (response.status >= 200 && response.status < 300) return responseJson(response) as T;
    throw errorFromResponse(response, { requiredPermissions: options.requiredPermissions });
  }

  /** `GET` and parse. */
  get<T = unknown>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>("GET", path, options);
  }
  /** `POST` a JSON body and parse. */
  post<T = unknown>(path: string, body: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>("POST", path, { ...options, body });
  }
  /** `PATCH` a JSON body. */
  patch<T = unknown>(path: string, body: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>("PATCH", path, { ...options, body });
  }
  /** `PUT` a JSON body and parse. */
  put<T = unknown>(path: string, body: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>("PUT", path, { ...options, body });
  }
  /** `DELETE`. */
  delete(path: string, options?: RequestOptions): Promise<void> {
    return this.request<void>("DELETE", path, options);
  }
}
