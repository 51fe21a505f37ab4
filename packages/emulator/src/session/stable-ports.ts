import { createHash } from "node:crypto";
import { homedir } from "node:os";
import { join, resolve } from "node:path";

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Where `ciam --emulator` and `ciam-mcp --emulator` keep the emulated tenants: `$CIAM_DATA_DIR/emulator`,
 * else `$XDG_DATA_HOME/ciamkit/emulator`, else `~/.local/share/ciamkit/emulator` (the XDG default).
 */
export function defaultEmulatorDataDir(env: Env = process.env): string {
  if (env.CIAM_DATA_DIR) return join(env.CIAM_DATA_DIR, "emulator");
  const base = env.XDG_DATA_HOME || join(homedir(), ".local", "share");
  return join(base, "ciamkit", "emulator");
}

const FIRST_PORT = 20_000;
const SLOTS = 13_000; // 20000–58999: above the common development ports, below most ephemeral ranges

/**
 * The ports a data directory's emulator listens on: Graph, then the token service and ARM on the two
 * next ports, derived from the directory's absolute path. The same directory gets the same ports at
 * every start, so a saved profile, a printed cursor (which names Graph's origin) or a client's
 * configuration from an earlier run keeps working; two directories rarely share them.
 */
export function stablePorts(dataDir: string): { graph: number; login: number; arm: number } {
  const digest = createHash("sha256").update(resolve(dataDir)).digest();
  const graph = FIRST_PORT + (digest.readUInt32BE(0) % SLOTS) * 3;
  return { graph, login: graph + 1, arm: graph + 2 };
}
