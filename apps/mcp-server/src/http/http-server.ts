import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import { allowedHostHeaders, bearerMatches, isLoopbackHost } from "./access.ts";

export interface McpHttpOptions {
  /** Builds one MCP server per session (the SDK binds a server to one transport). */
  createServer: () => McpServer;
  /** Address to bind; loopback by default. */
  host?: string;
  /** Port; 0 picks a free one. */
  port?: number;
  /**
   * The bearer token clients must send. When absent one is generated (and returned, for the caller
   * to print on stderr), unless `insecureNoAuth` is set.
   */
  token?: string;
  /**
   * Serve without a token. Only for local tools that cannot send a header (the conformance suite);
   * refused on a non-loopback address.
   */
  insecureNoAuth?: boolean;
  /** Most concurrent sessions; the oldest idle one is closed past this. */
  maxSessions?: number;
  /** Diagnostic lines (stderr in the bin; never stdout). */
  log?: (line: string) => void;
}

export interface McpHttpServer {
  /** `http://host:port/mcp` */
  url: string;
  /** The token clients must send, or null when serving without one. */
  token: string | null;
  /** Number of open sessions. */
  sessions(): number;
  close(): Promise<void>;
}

interface Session {
  transport: StreamableHTTPServerTransport;
  server: McpServer;
  lastSeen: number;
}

/**
 * Serves MCP over Streamable HTTP at `/mcp` with one stateful session per client. Every request must
 * carry an allowed `Host` (and `Origin`, when a browser sends one) and the bearer token, checked before
 * anything else runs, so a web page cannot drive the server through DNS rebinding and another local user
 * cannot drive it without the token.
 */
export async function startMcpHttpServer(options: McpHttpOptions): Promise<McpHttpServer> {
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? (() => {});
  if (options.insecureNoAuth === true && options.token !== undefined) {
    throw new Error("Give either a token or insecureNoAuth, not both.");
  }
  if (options.insecureNoAuth === true && !isLoopbackHost(host)) {
    throw new Error(
      `Refusing to serve without a token on ${host}: only a loopback address (127.0.0.1, ::1, localhost) may turn authentication off.`,
    );
  }
  const token =
    options.insecureNoAuth === true ? null : (options.token ?? randomBytes(32).toString("base64url"));
  const maxSessions = options.maxSessions ?? 64;
  const sessions = new Map<string, Session>();
  let allowedHosts: string[] = [];
  let allowedOrigins: string[] = [];

  const reply = (
    res: ServerResponse,
    status: number,
    message: string,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://placeholder");
    if (!allowedHosts.includes((req.headers.host ?? "").toLowerCase())) {
      return reply(res, 403, `Host '${req.headers.host ?? ""}' is not allowed.`);
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.includes(origin.toLowerCase())) {
      return reply(res, 403, `Origin '${origin}' is not allowed.`);
    }
    if (url.pathname !== "/mcp") return reply(res, 404, "Not found: the MCP endpoint is /mcp.");
    if (token !== null && !bearerMatches(req.headers.authorization, token)) {
      // The token is either printed at start or the user's own CIAM_MCP_TOKEN (then not printed).
      return reply(
        res,
        401,
        "Missing or wrong bearer token: send 'Authorization: Bearer <token>' with the token ciam-mcp printed on stderr at start, or the value of CIAM_MCP_TOKEN if you set it.",
        {
          "www-authenticate": 'Bearer realm="ciam-mcp"',
        },
      );
    }

    const sessionId = req.headers["mcp-session-id"];
    if (typeof sessionId === "string") {
      const session = sessions.get(sessionId);
      if (session === undefined) return reply(res, 404, "Unknown or expired session; initialize again.");
      session.lastSeen = Date.now();
      return session.transport.handleRequest(req, res);
    }

    if (req.method !== "POST") return reply(res, 400, "No session: start with an initialize request.");
    const body = await readJson(req);
    if (body === undefined || !isInitializeRequest(body)) {
      return reply(res, 400, "No session: start with an initialize request.");
    }
    evictIfFull();
    const server = options.createServer();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableDnsRebindingProtection: true,
      allowedHosts,
      allowedOrigins,
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, server, lastSeen: Date.now() });
      },
      onsessionclosed: (id) => {
        sessions.delete(id);
      },
    });
    transport.onclose = () => {
      if (transport.sessionId !== undefined) sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  };

  const evictIfFull = () => {
    if (sessions.size < maxSessions) return;
    let oldest: [string, Session] | undefined;
    for (const entry of sessions)
      if (oldest === undefined || entry[1].lastSeen < oldest[1].lastSeen) oldest = entry;
    if (oldest !== undefined) {
      sessions.delete(oldest[0]);
      void oldest[1].transport.close();
    }
  };

  const http: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`ciam-mcp: request failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) reply(res, 500, "Internal error.");
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  allowedHosts = allowedHostHeaders(host, port);
  allowedOrigins = allowedHosts.map((h) => `http://${h}`);
  const displayHost = host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${displayHost}:${port}/mcp`,
    token,
    sessions: () => sessions.size,
    close: async () => {
      await Promise.allSettled([...sessions.values()].map((s) => s.transport.close()));
      sessions.clear();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** Reads a JSON body of at most 4 MiB; undefined when it is not JSON. */
async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 4 * 1024 * 1024) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return undefined;
  }
}
