// Memory of ciam-mcp's Streamable HTTP transport when clients start many sessions: 1,000
// initializes (each followed by tools/list, as a client does), then the idle expiry, each scenario in
// its own process. Run: pnpm --filter @ciamkit/bench-mcp-sessions bench   (BENCH_SESSIONS=1000)
import { spawnSync } from "node:child_process";
import { Agent, request } from "node:http";
import { fileURLToPath } from "node:url";
import { createCiamMcpServer, type McpHttpOptions, startMcpHttpServer } from "@ciamkit/mcp-server";

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? "1000");
const TOKEN = "bench-Vq8Lr2Xm6Tz0Nc4Jw9Hb3Kd7Pf1Sg5Ya";
const IDLE_MS = 30 * 60_000;

/** Scenarios: the defaults against one flooding client, and every limit lifted so all sessions live at once. */
const SCENARIOS: Record<string, Partial<McpHttpOptions>> = {
  "defaults, one client": {},
  "limits lifted": { maxSessions: SESSIONS, maxSessionsPerClient: SESSIONS, sessionBurst: SESSIONS },
};

interface Figures {
  statuses: Record<string, number>;
  peakSessions: number;
  sessionsLeft: number;
  rssMb: { start: number; afterStarts: number; afterExpiry: number };
  heapMb: { start: number; afterStarts: number; afterExpiry: number };
  seconds: number;
}

const scenario = process.argv[2];
if (scenario === undefined) {
  const rows: string[] = [];
  for (const name of Object.keys(SCENARIOS)) {
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), name], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    if (child.status !== 0) throw new Error(`scenario '${name}' failed (exit ${child.status})`);
    const f = JSON.parse(child.stdout) as Figures;
    rows.push(
      `| ${name} | ${Object.entries(f.statuses)
        .map(([s, n]) => `${n}× ${s}`)
        .join(
          ", ",
        )} | ${f.peakSessions} | ${f.sessionsLeft} | ${f.rssMb.start} → ${f.rssMb.afterStarts} → ${f.rssMb.afterExpiry} | ${f.heapMb.start} → ${f.heapMb.afterStarts} → ${f.heapMb.afterExpiry} | ${f.seconds} |`,
    );
  }
  process.stdout.write(
    [
      `${SESSIONS} initializes + tools/list from one client, then every session idle past its expiry (Node ${process.versions.node})`,
      "",
      "| scenario | answers | sessions at peak | left after expiry | RSS MB: start → after starts → after expiry | heap MB | seconds |",
      "|---|---|--:|--:|---|---|--:|",
      ...rows,
      "",
    ].join("\n"),
  );
} else {
  process.stdout.write(`${JSON.stringify(await measure(SCENARIOS[scenario] ?? {}))}\n`);
}

async function measure(options: Partial<McpHttpOptions>): Promise<Figures> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("run with node --expose-gc");
  const memory = () => {
    gc();
    gc();
    const m = process.memoryUsage();
    return { rss: Math.round(m.rss / 1048576), heap: Math.round(m.heapUsed / 1048576) };
  };
  // The transport's clock: moved past the idle time instead of waiting 30 minutes.
  let offset = 0;
  const server = await startMcpHttpServer({
    createServer: () =>
      createCiamMcpServer({ runner: { run: () => Promise.reject(new Error("no tenant")) } }),
    token: TOKEN,
    sessionIdleMs: IDLE_MS,
    now: () => Date.now() + offset,
    ...options,
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const post = (body: unknown, session?: string) =>
    new Promise<{ status: number; session: string | undefined }>((resolve, reject) => {
      const req = request(
        server.url,
        {
          method: "POST",
          agent,
          headers: {
            "content-type": "application/json",
            accept: "application/json, text/event-stream",
            authorization: `Bearer ${TOKEN}`,
            "mcp-protocol-version": "2025-06-18",
            ...(session === undefined ? {} : { "mcp-session-id": session }),
          },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            const id = res.headers["mcp-session-id"];
            resolve({ status: res.statusCode ?? 0, session: typeof id === "string" ? id : undefined });
          });
        },
      );
      req.on("error", reject);
      req.end(JSON.stringify(body));
    });
  const initialize = {
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "bench", version: "1" } },
  };

  // One session first, so that loading and compiling what any first client needs is not counted.
  const warm = await post(initialize);
  await post({ jsonrpc: "2.0", id: 2, method: "tools/list" }, warm.session);
  offset += IDLE_MS;
  server.sessions();
  const start = memory();
  const started = performance.now();
  const statuses: Record<string, number> = {};
  let peakSessions = 0;
  for (let i = 0; i < SESSIONS; i++) {
    const { status, session } = await post(initialize);
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (session === undefined) continue;
    await post({ jsonrpc: "2.0", method: "notifications/initialized" }, session);
    await post({ jsonrpc: "2.0", id: 2, method: "tools/list" }, session);
    peakSessions = Math.max(peakSessions, server.sessions());
  }
  const afterStarts = memory();
  offset += IDLE_MS;
  const sessionsLeft = server.sessions();
  // Let the closed transports finish their close callbacks before measuring.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const afterExpiry = memory();
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  agent.destroy();
  await server.close();
  return {
    statuses,
    peakSessions,
    sessionsLeft,
    rssMb: { start: start.rss, afterStarts: afterStarts.rss, afterExpiry: afterExpiry.rss },
    heapMb: { start: start.heap, afterStarts: afterStarts.heap, afterExpiry: afterExpiry.heap },
    seconds,
  };
}
