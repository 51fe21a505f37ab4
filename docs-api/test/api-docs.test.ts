import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const committedDir = fileURLToPath(new URL("../../docs/api", import.meta.url));
const out = mkdtempSync(join(tmpdir(), "ciam-api-docs-"));

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("docs/api/", () => {
  it("is what TypeDoc generates from @ciamkit/core's public entry points (run `pnpm docs:api`)", async () => {
    const typedoc = join(packageDir, "node_modules", "typedoc", "bin", "typedoc");
    await promisify(execFile)(process.execPath, [typedoc, "--options", "typedoc.json", "--out", out], {
      cwd: packageDir,
      timeout: 540_000,
    });
    const generated = readdirSync(out).sort();
    expect(readdirSync(committedDir).sort()).toEqual(generated);
    for (const file of generated) {
      // A plain equality would print two large pages; the first differing line says what drifted.
      const a = readFileSync(join(committedDir, file), "utf8").split("\n");
      const e = readFileSync(join(out, file), "utf8").split("\n");
      const at = e.findIndex((line, i) => a[i] !== line);
      expect(at === -1 ? null : { file, line: at + 1, committed: a[at], generated: e[at] }).toBeNull();
      expect(a.length, file).toBe(e.length);
    }
  });

  it("documents exactly the entry points of @ciamkit/core's exports, one page each", () => {
    const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
    const pkg = read("../../packages/core/package.json") as { exports: Record<string, unknown> };
    const sources = Object.values(pkg.exports).flatMap((target) =>
      typeof target === "object" && target !== null && "@ciamkit/source" in target
        ? [`../packages/core/${String(target["@ciamkit/source"]).slice(2)}`]
        : [],
    );
    const config = read("../typedoc.json") as { entryPoints: string[] };
    expect([...config.entryPoints].sort()).toEqual([...sources].sort());
    const pages = sources.map((path) => `${path.split("/").at(-1)?.replace(/\.ts$/, "")}.md`);
    expect(readdirSync(committedDir).sort()).toEqual(["README.md", "modules.md", ...pages].sort());
  });
});
