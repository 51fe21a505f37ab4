import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { EmulatorContext } from "../context.ts";
import { lowerHeaders, readBody, sendReply } from "../server/http.ts";
import { runBatch } from "./batch.ts";
import { type GraphOutcome, graphErrorOutcome, serializeBody } from "./outcome.ts";
import { executeGraph } from "./pipeline.ts";

/**
 * Serves one HTTP request on the Graph origin (`/v1.0/…`, `/beta/…`): reads it, runs the
 * pipeline, applies injected latency and dropped connections, writes Graph's answer.
 */
export async function serveGraph(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const headers = lowerHeaders(req);
  const { version, target } = splitVersion(req.url ?? "/");
  const body = await readBody(req);
  if (body === "too-large") {
    const ids = {
      requestId: randomUUID(),
      clientRequestId: headers["client-request-id"] ?? null,
      now: ctx.now(),
    };
    write(res, graphErrorOutcome(ids, 413, "RequestEntityTooLarge", "The request body is larger than 4 MB."));
    return;
  }
  const outcome = await executeGraph(
    ctx,
    { method: (req.method ?? "GET").toUpperCase(), version, target, headers, rawBody: body, inBatch: false },
    runBatch,
  );
  if (outcome.latencyMs > 0) await sleep(outcome.latencyMs);
  if (outcome.drop !== undefined) {
    // Azurite's NoResponseThenCloseConnection: the client sees a reset, not an HTTP answer.
    req.socket.destroy();
    return;
  }
  write(res, outcome);
}

/** `/v1.0/users?$top=1` → `v1.0` and `/users?$top=1`; `/v1.0?x` → `v1.0` and `/?x`. */
export function splitVersion(rawUrl: string): { version: string; target: string } {
  const query = rawUrl.indexOf("?");
  const pathEnd = query === -1 ? rawUrl.length : query;
  const slash = rawUrl.indexOf("/", 1);
  const end = slash === -1 || slash > pathEnd ? pathEnd : slash;
  const rest = rawUrl.slice(end);
  return { version: rawUrl.slice(1, end), target: rest.startsWith("/") ? rest : `/${rest}` };
}

function write(res: ServerResponse, outcome: GraphOutcome): void {
  const { body, contentType } = serializeBody(outcome);
  const headers = { ...outcome.headers };
  if (contentType !== undefined && headers["content-type"] === undefined)
    headers["content-type"] = contentType;
  sendReply(res, { status: outcome.status, headers, ...(body === undefined ? {} : { body }) });
}
