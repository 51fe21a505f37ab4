import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { EmulatorContext } from "../context.ts";
import { lowerHeaders, readBody, sendReply } from "../server/http.ts";
import { runBatch } from "./batch.ts";
import { graphErrorOutcome, serializeBody } from "./outcome.ts";
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
  const rawUrl = req.url ?? "/";
  const slash = rawUrl.indexOf("/", 1);
  const query = rawUrl.indexOf("?");
  const end = slash === -1 ? (query === -1 ? rawUrl.length : query) : slash;
  const version = rawUrl.slice(1, end);
  const target =
    rawUrl.slice(end) === "" || rawUrl.slice(end).startsWith("?")
      ? `/${rawUrl.slice(end)}`
      : rawUrl.slice(end);
  const body = await readBody(req);
  if (body === "too-large") {
    const ids = {
      requestId: crypto.randomUUID(),
      clientRequestId: headers["client-request-id"] ?? null,
      now: ctx.now(),
    };
    const outcome = graphErrorOutcome(
      ids,
      413,
      "RequestEntityTooLarge",
      "The request body is larger than 4 MB.",
    );
    const { body: text, contentType } = serializeBody(outcome);
    sendReply(res, {
      status: 413,
      headers: { ...outcome.headers, "content-type": contentType ?? "" },
      ...(text === undefined ? {} : { body: text }),
    });
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
  const { body: text, contentType } = serializeBody(outcome);
  const replyHeaders = { ...outcome.headers };
  if (contentType !== undefined && replyHeaders["content-type"] === undefined)
    replyHeaders["content-type"] = contentType;
  sendReply(res, {
    status: outcome.status,
    headers: replyHeaders,
    ...(text === undefined ? {} : { body: text }),
  });
}
