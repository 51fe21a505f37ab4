// Start-up of `ciam-mcp` against Softeria's ms-365-mcp-server (the Graph MCP server people use
// today), side by side in one run: wall time from spawning the server to its answer to `tools/list`
// over stdio (spawn → initialize → initialized → tools/list), medians of interleaved runs.
// Usage: node bench/mcp-startup/run.mjs [--runs N] [--compare <older checkout, built>]   (after `pnpm build`; installs the peer into
// bench/mcp-startup/.baseline on first use, pinned, as bench/cli-startup does with m365).
// Neither server signs in to start: ciam-mcp gets a tenant and app from AZURE_* variables and asks
// for a token only when a tool calls Graph; ms-365-mcp-server starts signed out.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { installBaseline, median, requireBuilt, runsArgument, workspaceRoot } from "../startup-bench.mjs";

const PEER = "@softeria/ms-365-mcp-server";
const PEER_VERSION = "0.155.0";
const runs = runsArgument("mcp-startup", 15);
const baselineDir = join(import.meta.dirname, ".baseline");
const peerBin = join(baselineDir, "node_modules", PEER, "dist/index.js");
requireBuilt("mcp-startup", join(workspaceRoot, "apps/mcp-server/dist/bin.js"));
installBaseline("mcp-startup", baselineDir, PEER, PEER_VERSION, peerBin);

// A home of its own, so neither server finds a token cache or a profile of the machine's user.
const home = mkdtempSync(join(tmpdir(), "mcp-startup-"));
const TENANT = {
  AZURE_TENANT_ID: "00000000-0000-0000-0000-000000000001",
  AZURE_CLIENT_ID: "00000000-0000-0000-0000-000000000002",
  AZURE_CLIENT_SECRET: "not-used-to-start",
};
const ciamMcp = (checkout) => [join(checkout, "apps/mcp-server/bin/ciam-mcp.js")];
const contenders = [
  { name: "ciam-mcp", argv: ciamMcp(workspaceRoot), env: TENANT },
  { name: `${PEER}@${PEER_VERSION}`, argv: [peerBin], env: {} },
];
// `--compare <checkout>`: also an older build of ciam-mcp (a git worktree of another commit, built),
// for before/after figures from the same run.
const compareAt = process.argv.indexOf("--compare");
if (compareAt !== -1) {
  const checkout = process.argv[compareAt + 1] ?? "";
  requireBuilt("mcp-startup", join(checkout, "apps/mcp-server/dist/bin.js"));
  contenders.push({ name: `ciam-mcp at ${checkout}`, argv: ciamMcp(checkout), env: TENANT });
}

/** One start: milliseconds from spawn to the tools/list answer, and the tools it listed. */
function start(contender) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, contender.argv, {
      env: { PATH: process.env.PATH, HOME: home, NO_COLOR: "1", ...contender.env },
      stdio: ["pipe", "pipe", "ignore"],
    });
    let buffer = "";
    let initialized = false;
    const send = (message) => child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`${contender.name} exited (${code}) before answering`)));
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      buffer += chunk;
      let nl = buffer.indexOf("\n");
      while (nl !== -1) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        nl = buffer.indexOf("\n");
        const message = JSON.parse(line);
        if (message.id === 1 && !initialized) {
          initialized = true;
          send({ method: "notifications/initialized" });
          send({ id: 2, method: "tools/list" });
        } else if (message.id === 2) {
          const ms = performance.now() - t0;
          child.removeAllListeners("exit");
          child.kill();
          resolve({ ms, tools: message.result.tools.length, bytes: Buffer.byteLength(line) });
        }
      }
    });
    send({
      id: 1,
      method: "initialize",
      params: {
        protocolVersion: "2025-06-18",
        capabilities: {},
        clientInfo: { name: "bench", version: "1" },
      },
    });
  });
}

const results = new Map(contenders.map((c) => [c.name, []]));
const shape = new Map();
try {
  // One warm-up start each (disk cache), then interleaved runs, alternating who goes first.
  for (const c of contenders) shape.set(c.name, await start(c));
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? contenders : [...contenders].reverse();
    for (const c of order) results.get(c.name)?.push((await start(c)).ms);
  }
} finally {
  rmSync(home, { recursive: true, force: true });
}

const [ours, peer] = contenders.map((c) => median(results.get(c.name) ?? []));
console.log(`mcp-startup: spawn → initialize → tools/list over stdio, median of ${runs} interleaved runs`);
for (const c of contenders) {
  const s = shape.get(c.name);
  const ms = median(results.get(c.name) ?? []);
  console.log(`  ${c.name.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms  (${s.tools} tools, ${s.bytes} bytes)`);
}
console.log(`  ratio ciam-mcp / peer: ${(ours / peer).toFixed(2)} (target ≤ 0.50)`);
for (const c of contenders.slice(2)) {
  console.log(`  ratio ${c.name} / peer: ${(median(results.get(c.name) ?? []) / peer).toFixed(2)}`);
}
