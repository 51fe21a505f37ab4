import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isInitializeRequest, type McpServer, StreamableHTTPServerTransport } from "../../mcp-sdk.ts";
import { bearerMatches, MAKE_TOKEN_HINT, tokenWeakness } from "./bearer-token.ts";
import { hostPolicy, isAllInterfaces, isLoopbackHost } from "./host-check.ts";
import { createRateLimiter } from "./rate-limit.ts";
import { type Refusal, SESSION_DEFAULTS, SessionTable } from "./session-table.ts";

export interface McpHttpOptions {
  /** Builds one MCP server per session (the SDK binds a server to one transport). */
  createServer: () => McpServer;
  /** Address to bind; loopback by default. */
  host?: string;
  /** Port; 0 picks a free one. */
  port?: number;
  /**
   * The bearer token clients must send: at least 32 characters, not guessable. When absent one is
   * generated (and returned, for the caller to print on stderr), unless `insecureNoAuth` is set.
   */
  token?: string;
  /**
   * Serve without a token. Only for local tools that cannot send a header (the conformance suite);
   * refused on a non-loopback address.
   */
  insecureNoAuth?: boolean;
  /** More `Host` names clients may use: `name` (any port) or `name:port` (see {@link hostPolicy}). */
  allowedHosts?: readonly string[];
  /** Most open sessions in all (64). A new session past this is refused (503), never an open one closed. */
  maxSessions?: number;
  /** Most open sessions of one client, by remote address (16); past this a new one is refused (429). */
  maxSessionsPerClient?: number;
  /** Milliseconds without a request after which a session is closed (30 minutes). */
  sessionIdleMs?: number;
  /** Sessions one client may start at once (20), then one more every `sessionIntervalMs` (3 s). */
  sessionBurst?: number;
  sessionIntervalMs?: number;
  /** The clock sessions and rate limits are measured with (tests move it); `Date.now` by default. */
  now?: () => number;
  /** Diagnostic lines (stderr in the bin; never stdout). */
  log?: (line: string) => void;
}

export interface McpHttpServer {
  /** `http://host:port/mcp` */
  url: string;
  /** The token clients must send, or null when serving without one. */
  token: string | null;
  /** Number of open sessions (idle ones past their time are closed first). */
  sessions(): number;
  close(): Promise<void>;
}

/** A session's MCP server and the transport it is connected to. */
interface Session {
  server: McpServer;
  transport: StreamableHTTPServerTransport;
  close(): Promise<void>;
}

/**
 * Serves MCP over Streamable HTTP at `/mcp` with one stateful session per client. Every request must
 * carry an allowed `Host` (and `Origin`, when a browser sends one) and the bearer token, checked before
 * anything else runs, so a web page cannot drive the server through DNS rebinding and another local user
 * cannot drive it without the token. Sessions are capped per client (by remote address: the one thing a
 * client cannot choose, as the token is shared and its name self-declared) and in all, started at a
 * bounded rate, and closed when idle, so one client can neither push others out nor grow the memory.
 */
export async function startMcpHttpServer(options: McpHttpOptions): Promise<McpHttpServer> {
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? (() => {});
  const now = options.now ?? Date.now;
  if (options.insecureNoAuth === true && options.token !== undefined) {
    throw new Error("Give either a token or insecureNoAuth, not both.");
  }
  if (options.insecureNoAuth === true && !isLoopbackHost(host)) {
    throw new Error(
      `Refusing to serve without a token on ${host}: only a loopback address (127.0.0.1, ::1, localhost) may turn authentication off.`,
    );
  }
  const weakness = options.token === undefined ? undefined : tokenWeakness(options.token);
  if (weakness !== undefined)
    throw new Error(`The bearer token is too weak: ${weakness}. ${MAKE_TOKEN_HINT}.`);
  const token =
    options.insecureNoAuth === true ? null : (options.token ?? randomBytes(32).toString("base64url"));
  const limits = { ...SESSION_DEFAULTS, ...definedOnly(options) };
  const sessions = new SessionTable<Session>({
    maxSessions: limits.maxSessions,
    maxPerClient: limits.maxSessionsPerClient,
    idleMs: limits.sessionIdleMs,
    now,
  });
  const starts = createRateLimiter({ burst: limits.sessionBurst, intervalMs: limits.sessionIntervalMs, now });
  let hosts = hostPolicy({ bindHost: host, port: 0 });
  let lastRefusalLog = Number.NEGATIVE_INFINITY;

  const reply = (
    res: ServerResponse,
    status: number,
    message: string,
    headers: Record<string, string> = {},
    id: unknown = null,
  ) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id }));
  };

  const refuse = (res: ServerResponse, refusal: Refusal, id: unknown) => {
    const seconds = Math.ceil(refusal.retryAfterMs / 1000);
    if (now() - lastRefusalLog >= 60_000) {
      lastRefusalLog = now();
      log(`ciam-mcp: refused a new session (HTTP ${refusal.status}): ${refusal.message}`);
    }
    reply(
      res,
      refusal.status,
      `${refusal.message} Retry after ${seconds} s.`,
      { "retry-after": `${seconds}` },
      id,
    );
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://placeholder");
    if (!hosts.allowsHost(req.headers.host)) {
      return reply(
        res,
        403,
        `Host '${req.headers.host ?? ""}' is not allowed: start ciam-mcp with --allowed-host <name> to accept it.`,
      );
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !hosts.allowsOrigin(origin)) {
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
      // A GET is the client's standing event stream: activity, but it does not hold the session open.
      if (req.method === "GET") sessions.touch(sessionId);
      else res.once("close", sessions.begin(sessionId));
      return session.transport.handleRequest(req, res);
    }

    if (req.method !== "POST") return reply(res, 400, "No session: start with an initialize request.");
    const body = await readJson(req);
    if (body === TOO_LARGE) return reply(res, 413, "The request body is larger than 4 MiB.");
    if (body === undefined || !isInitializeRequest(body)) {
      return reply(res, 400, "No session: start with an initialize request.");
    }
    const requestId = (body as { id?: unknown }).id ?? null;
    const client = clientOf(req);
    const full = sessions.admit(client);
    if (full !== undefined) return refuse(res, full, requestId);
    const rate = starts.take(client);
    if (!rate.ok) {
      return refuse(
        res,
        {
          status: 429,
          retryAfterMs: rate.retryAfterMs,
          message: `Too many new sessions from this client (at most ${limits.sessionBurst} at once, then one every ${limits.sessionIntervalMs / 1000} s): keep one session and reuse it.`,
        },
        requestId,
      );
    }
    const id = randomUUID();
    const server = options.createServer();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => id,
      onsessionclosed: (closed) => sessions.remove(closed),
    });
    transport.onclose = () => sessions.remove(id);
    const session: Session = { server, transport, close: () => server.close() };
    // Counted before the answer, so concurrent initializes cannot overshoot the caps.
    sessions.add(id, client, session);
    const done = sessions.begin(id);
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res, body);
    } finally {
      done();
      // An initialize the transport refused (a bad protocol version) leaves no session behind.
      if (transport.sessionId === undefined) {
        sessions.remove(id);
        await server.close();
      }
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
  hosts = hostPolicy({ bindHost: host, port, allowedHosts: options.allowedHosts ?? [] });
  if (isAllInterfaces(host)) {
    log(
      `ciam-mcp: bound to every interface; clients may connect as ${hosts.describe().join(", ")} (add names with --allowed-host)`,
    );
  }
  // Idle sessions are closed and full rate buckets forgotten even when no request comes.
  const sweep = setInterval(
    () => {
      sessions.expireIdle();
      starts.prune();
    },
    Math.min(60_000, Math.max(1_000, limits.sessionIdleMs / 4)),
  );
  sweep.unref();
  const displayHost = host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${displayHost}:${port}/mcp`,
    token,
    sessions: () => sessions.size,
    close: async () => {
      clearInterval(sweep);
      await sessions.closeAll();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** The client a request comes from: its remote address (IPv4-mapped IPv6 as IPv4). */
function clientOf(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? "unknown").replace(/^::ffff:(?=\d+\.)/, "");
}

/** The options given, without the undefined ones (so they do not hide the defaults). */
function definedOnly(options: McpHttpOptions): Partial<typeof SESSION_DEFAULTS> {
  const keys = Object.keys(SESSION_DEFAULTS) as (keyof typeof SESSION_DEFAULTS)[];
  return Object.fromEntries(keys.flatMap((k) => (options[k] === undefined ? [] : [[k, options[k]]])));
}

const TOO_LARGE = Symbol("too large");

/** Reads a JSON body of at most 4 MiB; undefined when it is not JSON. */
async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 4 * 1024 * 1024) return TOO_LARGE;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return undefined;
  }
}
