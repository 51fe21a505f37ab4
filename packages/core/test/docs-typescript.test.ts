import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { type CodeBlock, documentationFiles, fencedBlocks } from "../../../scripts/docs-blocks.ts";

/**
 * Every TypeScript block of the documentation compiles against the current sources, with the
 * project's strict settings: a renamed export, a changed option or a missing field (the TS2741 a
 * reader hit in docs/bulk-migration.md) fails here instead of in a user's editor.
 *
 * A block that continues an earlier one declares what it uses in an HTML comment right above it,
 * which readers do not see: `<!-- ts-prelude: declare const client: CiamClient; -->`. A block that
 * is deliberately not a program says why: `<!-- docs-skip: reason -->`.
 */
const root = fileURLToPath(new URL("../../..", import.meta.url));
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const run = promisify(execFile);

interface Compiled {
  block: CodeBlock;
  file: string;
  preludeLines: number;
}

function typescriptBlocks(): CodeBlock[] {
  return documentationFiles(root).flatMap((file) =>
    fencedBlocks(file, root).filter((b) => b.language === "ts" || b.language === "typescript"),
  );
}

/** Writes each block as its own module beside the package (so `@ciamkit/core` and its dependencies resolve). */
function writeBlocks(dir: string, blocks: CodeBlock[]): Compiled[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const compiled = blocks
    .filter((block) => block.skip === undefined)
    .map((block, i) => {
      const file = join(dir, `block-${i}.ts`);
      const prelude = block.prelude === undefined ? "" : `${block.prelude}\n`;
      // Each block is a module of its own (top-level await, no clashes between blocks).
      writeFileSync(file, `${prelude}${block.code}\nexport {};\n`);
      return { block, file, preludeLines: prelude === "" ? 0 : prelude.split("\n").length - 1 };
    });
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      extends: "../../../tsconfig.base.json",
      compilerOptions: { noEmit: true, noUnusedLocals: false, declaration: false, declarationMap: false },
      include: ["*.ts"],
    }),
  );
  return compiled;
}

/** Maps tsc's `file(line,col): error TSnnnn: text` lines back to the documentation file and line. */
function locate(output: string, compiled: Compiled[]): string[] {
  const errors: string[] = [];
  for (const line of output.split("\n")) {
    const m = /^(.+?)\((\d+),(\d+)\): (error TS\d+: .*)$/.exec(line.trim());
    if (m === null) continue;
    const [, file = "", row = "0", , text = ""] = m;
    const entry = compiled.find((c) => basename(c.file) === basename(file));
    if (entry === undefined) {
      errors.push(line.trim());
      continue;
    }
    const at = Number(row) - entry.preludeLines;
    const where =
      at < 1
        ? `${entry.block.file}:${entry.block.line} (its ts-prelude)`
        : `${entry.block.file}:${entry.block.line + at}`;
    errors.push(`${where}: ${text}`);
  }
  return errors;
}

describe("TypeScript in the documentation", () => {
  const blocks = typescriptBlocks();

  it("finds the blocks (README, CONTRIBUTING and docs/)", () => {
    expect(blocks.length).toBeGreaterThan(5);
    for (const block of blocks.filter((b) => b.skip !== undefined)) {
      expect(block.skip, `${block.file}:${block.line} says why it is skipped`).not.toBe("");
    }
  });

  it("compiles every block with the project's strict settings", { timeout: 120_000 }, async () => {
    const dir = join(packageDir, ".docs-check");
    const compiled = writeBlocks(dir, blocks);
    const tsc = join(root, "node_modules", ".bin", "tsc");
    const result = await run(tsc, ["-p", join(dir, "tsconfig.json"), "--pretty", "false"], { cwd: dir }).then(
      () => "",
      (err: { stdout?: string; stderr?: string }) => `${err.stdout ?? ""}${err.stderr ?? ""}`,
    );
    const errors = locate(result, compiled);
    rmSync(dir, { recursive: true, force: true });
    expect(errors, errors.join("\n")).toEqual([]);
    expect(result).toBe("");
  });
});
