import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * Formats markdown the way `biome format` (run in CI) does, so a regenerated docs/cli.md is exactly
 * what the format check accepts.
 */
export function formatMarkdown(text: string, path = "docs/cli.md"): string {
  const run = spawnSync(`${root}node_modules/.bin/biome`, ["format", `--stdin-file-path=${path}`], {
    cwd: root,
    input: text,
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`biome format failed: ${run.stderr}`);
  return run.stdout;
}
