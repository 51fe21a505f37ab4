import { homedir } from "node:os";
import { join } from "node:path";

/**
 * Where the embedded emulator keeps its state: `$CIAM_DATA_DIR/emulator`, else
 * `$XDG_DATA_HOME/ciamkit/emulator`, else `~/.local/share/ciamkit/emulator` (the XDG default).
 */
export function emulatorDataDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.CIAM_DATA_DIR) return join(env.CIAM_DATA_DIR, "emulator");
  const base = env.XDG_DATA_HOME || join(homedir(), ".local", "share");
  return join(base, "ciamkit", "emulator");
}

/** The file `ciam emulator start` writes while it serves the data dir (no secrets in it). */
export function serverFile(dataDir: string): string {
  return join(dataDir, "server.json");
}
