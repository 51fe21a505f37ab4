import type { PipelineRequest, PipelineResponse, SendRequest } from "../../src/http/pipeline.ts";
import { ServiceClient } from "../../src/http/service-client.ts";

/** A canned answer: status, headers, JSON (or text) body. */
export interface Canned {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
}

/** Builds a PipelineResponse for a request. */
export function respond(request: PipelineRequest, canned: Canned): PipelineResponse {
  const text = canned.text ?? (canned.json === undefined ? "" : JSON.stringify(canned.json));
  return {
    status: canned.status,
    headers: new Headers(canned.headers),
    body: new TextEncoder().encode(text),
    request,
  };
}

/** A transport that answers from a handler and records every request it saw (with a snapshot of its headers). */
export function fakeTransport(
  handler: (request: PipelineRequest, index: number) => Canned | Error | Promise<Canned | Error>,
) {
  const seen: { method: string; url: string; headers: Record<string, string>; body: string | undefined }[] =
    [];
  const send: SendRequest = async (request) => {
    seen.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: typeof request.body === "string" ? request.body : undefined,
    });
    const answer = await handler(request, seen.length - 1);
    if (answer instanceof Error) throw answer;
    return respond(request, answer);
  };
  return { send, seen };
}

/** A Graph-like client on a fake transport. */
export function fakeClient(send: SendRequest, service: "graph" | "arm" = "graph"): ServiceClient {
  return new ServiceClient({
    service,
    baseUrl: service === "graph" ? "https://graph.example/v1.0" : "https://arm.example",
    scope: "https://graph.microsoft.com/.default",
    send,
  });
}

/** A request for policy tests. */
export function request(overrides: Partial<PipelineRequest> = {}): PipelineRequest {
  return {
    method: "GET",
    url: "https://graph.example/v1.0/users",
    headers: new Headers(),
    service: "graph",
    ...overrides,
  };
}
