import { graphErrorBody } from "../graph-error.ts";
import type { JsonObject } from "../store/json.ts";

/** Content type Graph gives its JSON responses. */
export const GRAPH_JSON =
  "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

/** The result of one Graph request (top-level or inside `$batch`), before it is written. */
export interface GraphOutcome {
  status: number;
  headers: Record<string, string>;
  body?: JsonObject | string | Buffer;
  /** Added latency to wait before answering. */
  latencyMs: number;
  /** Destroy the connection instead of answering (`after`: the route ran). */
  drop?: "before" | "after";
}

/** Correlation data every Graph response carries. */
export interface GraphIds {
  requestId: string;
  clientRequestId: string | null;
  now: Date;
}

/** Response headers Graph puts on every answer (api-surface 11.3). */
export function graphHeaders(ids: GraphIds): Record<string, string> {
  const headers: Record<string, string> = {
    "request-id": ids.requestId,
    date: ids.now.toUTCString(),
    "cache-control": "no-cache",
    "strict-transport-security": "max-age=31536000",
    "x-ms-ags-diagnostic": AGS_DIAGNOSTIC,
  };
  if (ids.clientRequestId !== null) headers["client-request-id"] = ids.clientRequestId;
  return headers;
}

const AGS_DIAGNOSTIC = JSON.stringify({
  ServerInfo: {
    DataCenter: "Local",
    Slice: "E",
    Ring: "0",
    ScaleUnit: "000",
    RoleInstance: "ciamkit-emulator",
  },
});

/** A Graph error outcome with the envelope and ids. */
export function graphErrorOutcome(
  ids: GraphIds,
  status: number,
  code: string,
  message: string,
  extraHeaders: Record<string, string> = {},
  details: readonly { code: string; message: string; target?: string }[] = [],
): GraphOutcome {
  const body = graphErrorBody(code, message, ids.requestId, ids.clientRequestId ?? undefined, ids.now);
  const error = body.error as unknown as JsonObject;
  if (details.length > 0) {
    error.details = details.map((d) => ({ ...d }));
  }
  return {
    status,
    headers: { ...graphHeaders(ids), "content-type": GRAPH_JSON, ...extraHeaders },
    body: body as unknown as JsonObject,
    latencyMs: 0,
  };
}

/** Serialises an outcome's body with the content type Graph would send. */
export function serializeBody(outcome: GraphOutcome): { body?: string | Buffer; contentType?: string } {
  const { body } = outcome;
  if (body === undefined) return {};
  if (Buffer.isBuffer(body)) return { body, contentType: "application/octet-stream" };
  if (typeof body === "string") return { body, contentType: "text/plain; charset=utf-8" };
  return { body: JSON.stringify(body), contentType: GRAPH_JSON };
}
