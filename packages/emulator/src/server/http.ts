import type { IncomingMessage, ServerResponse } from "node:http";

/** An HTTP response the emulator's handlers produce before it is written to the socket. */
export interface HttpReply {
  status: number;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** Request headers with lower-cased names and array values joined, as Graph routes see them. */
export function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

/** Reads the request body, refusing more than `limit` bytes (Graph caps request bodies at 4 MB). */
export async function readBody(req: IncomingMessage, limit = 4 * 1024 * 1024): Promise<Buffer | "too-large"> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) return "too-large";
    chunks.push(buf);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}

/** Writes a reply; a no-op when the socket is already gone. */
export function sendReply(res: ServerResponse, reply: HttpReply): void {
  if (res.destroyed || res.writableEnded) return;
  const body = reply.body;
  const headers: Record<string, string | number> = { ...reply.headers };
  if (body !== undefined) headers["content-length"] = Buffer.byteLength(body);
  else if (reply.status !== 204 && reply.status !== 304) headers["content-length"] = 0;
  res.writeHead(reply.status, headers);
  res.end(body);
}

/** A JSON reply with the given status. */
export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): HttpReply {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
    body: JSON.stringify(value),
  };
}
