// Shared by the CLI tests that need a real terminal: ciam in a tmux window, and what its screen shows.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { BIN } from "./harness.ts";

/** Whether tmux is installed (the terminal tests are skipped without it). */
export const hasTmux = spawnSync("sh", ["-c", "command -v tmux"]).status === 0;

const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

/** One tmux server with one 120x30 session, `ciam`, for a test file. */
export interface Terminal {
  /** Runs tmux against this server. */
  tmux(...args: string[]): string;
  /** Starts `ciam args` with exactly `env` in a new window (script in `dir`); returns the window's name. */
  start(name: string, args: string[], env: Record<string, string>, dir: string): string;
  /** The window's screen once `pattern` shows (polling; fails with the screen after 30 s). */
  screenShowing(name: string, pattern: RegExp, escapes?: boolean): Promise<string>;
  /** Types keys into a window (`send-keys`). */
  keys(name: string, ...keys: string[]): void;
  close(): void;
}

/** Starts a tmux server of its own for a test file. */
export function openTerminal(): Terminal {
  const socket = `ciam-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const tmux = (...args: string[]): string => {
    const out = spawnSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
    if (out.status !== 0) throw new Error(`tmux ${args.join(" ")}: ${out.stderr}`);
    return out.stdout;
  };
  tmux("new-session", "-d", "-s", "ciam", "-x", "120", "-y", "30");
  return {
    tmux,
    start(name, args, env, dir) {
      const script = join(dir, `${name}.sh`);
      writeFileSync(
        script,
        [
          ...Object.entries({ ...env, TERM: "xterm-256color" }).map(([k, v]) => `export ${k}=${quote(v)}`),
          `${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(" ")}`,
          'echo "[exit=$?]"',
          "sleep 600",
        ].join("\n"),
      );
      tmux("new-window", "-d", "-n", name, `bash ${quote(script)}`);
      return name;
    },
    async screenShowing(name, pattern, escapes = false) {
      let screen = "";
      for (let i = 0; i < 300; i++) {
        screen = tmux("capture-pane", "-p", ...(escapes ? ["-e"] : []), "-t", `ciam:${name}`);
        if (pattern.test(screen)) return screen;
        await sleep(100);
      }
      throw new Error(`timed out waiting for ${pattern} on the screen:\n${screen}`);
    },
    keys(name, ...keys) {
      tmux("send-keys", "-t", `ciam:${name}`, ...keys);
    },
    close() {
      spawnSync("tmux", ["-L", socket, "kill-server"]);
    },
  };
}
