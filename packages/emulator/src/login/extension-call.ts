import http from "node:http";
import https from "node:https";
import { rootCertificates } from "node:tls";

/** What a custom extension's endpoint answered, or why there is no answer. */
export type ExtensionAnswer =
  | { kind: "answer"; status: number; contentType: string; body: string }
  | { kind: "timeout" }
  | { kind: "unreachable" };

/** Where and how to call: the target URL, headers, body and the extension's client configuration. */
export interface ExtensionRequest {
  url: string;
  headers: Readonly<Record<string, string>>;
  body: string;
  /** `clientConfiguration.timeoutInMilliseconds` (Entra's default 2000). */
  timeoutMs: number;
  /** `clientConfiguration.maximumRetries` (Entra's default 1): a timeout, network error or 5xx is retried. */
  maximumRetries: number;
  /** Extra CA certificates (PEM) trusted besides Node's roots, for test endpoints on https. */
  ca?: string | undefined;
}

const MAX_ANSWER = 64 * 1024;

/**
 * POSTs a custom extension call as Entra does: within the timeout, retried once on a timeout,
 * network error or 5xx when the configuration allows. The answer is returned as read; the caller
 * checks it.
 */
export async function callExtension(req: ExtensionRequest): Promise<ExtensionAnswer> {
  let last: ExtensionAnswer = { kind: "unreachable" };
  for (let attempt = 0; attempt <= req.maximumRetries; attempt++) {
    last = await once(req);
    if (last.kind === "answer" && last.status < 500) return last;
  }
  return last;
}

function once(req: ExtensionRequest): Promise<ExtensionAnswer> {
  return new Promise((resolve) => {
    const url = new URL(req.url);
    const secure = url.protocol === "https:";
    const options = {
      method: "POST",
      headers: { ...req.headers, "content-length": String(Buffer.byteLength(req.body)) },
      timeout: req.timeoutMs,
      ...(secure && req.ca !== undefined ? { ca: [...rootCertificates, req.ca] } : {}),
    };
    let settled = false;
    const settle = (answer: ExtensionAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(answer);
    };
    const request = (secure ? https : http).request(url, options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER) {
          request.destroy();
          settle({ kind: "unreachable" });
          return;
        }
        chunks.push(chunk);
      });
      res.on("end", () =>
        settle({
          kind: "answer",
          status: res.statusCode ?? 0,
          contentType: String(res.headers["content-type"] ?? ""),
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
      res.on("error", () => settle({ kind: "unreachable" }));
    });
    // The whole exchange, not only socket inactivity, must fit in the timeout.
    const timer = setTimeout(() => {
      settle({ kind: "timeout" });
      request.destroy();
    }, req.timeoutMs);
    request.on("error", () => settle({ kind: "unreachable" }));
    request.end(req.body);
  });
}
