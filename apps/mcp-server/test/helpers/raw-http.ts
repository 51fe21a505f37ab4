import { request } from "node:http";

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** What a raw request may set that fetch cannot: the Host header and the source address. */
export interface RawRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Source address, e.g. 127.0.0.2 to act as a second client on loopback. */
  localAddress?: string;
}

/** An HTTP request where the test controls every header, Host included. */
export function rawRequest(url: string, options: RawRequestOptions = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          ...options.headers,
        },
        ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
      },
      (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on("error", reject);
    req.end(options.body === undefined ? undefined : JSON.stringify(options.body));
  });
}

/** A raw POST of a JSON-RPC body. */
export function rawPost(url: string, headers: Record<string, string>, body: unknown): Promise<RawResponse> {
  return rawRequest(url, { headers, body });
}

/** An initialize request as a client sends it first. */
export const initialize = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } },
};

/** A token strong enough for the server (32+ random-looking characters), fixed so a test can send it. */
export const TEST_TOKEN = "test-9Qz3vLm0pXa7RkT2wYc5NbH8sJd4FgE6";
