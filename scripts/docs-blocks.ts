import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * The fenced code blocks of the project's documentation, for the tests that compile the TypeScript
 * blocks (packages/core/test/docs-typescript.test.ts) and parse the shell blocks
 * (apps/cli/test/docs-shell.test.ts). A block may be preceded by an HTML comment readers do not see:
 * `<!-- ts-prelude: … -->` (declarations the block relies on, e.g. a `client` from an earlier block)
 * or `<!-- docs-skip: reason -->` (a block that is deliberately not runnable, with the reason).
 */
export interface CodeBlock {
  /** Path relative to the repository root. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  language: string;
  code: string;
  prelude?: string;
  skip?: string;
}

/** README.md, CONTRIBUTING.md, docs/**\/*.md and each package's README. */
export function documentationFiles(root: string): string[] {
  const files = ["README.md", "CONTRIBUTING.md"].map((f) => join(root, f)).filter((f) => existsSync(f));
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      // docs/api/ is TypeDoc's output: its blocks are declarations, not programs (docs-api/ tests it).
      if (entry.isDirectory()) {
        if (path !== join(root, "docs", "api")) walk(path);
      } else if (entry.name.endsWith(".md")) files.push(path);
    }
  };
  walk(join(root, "docs"));
  for (const group of ["apps", "packages"]) {
    for (const name of readdirSync(join(root, group))) {
      const readme = join(root, group, name, "README.md");
      if (existsSync(readme)) files.push(readme);
    }
  }
  return files.map((f) => relative(root, f)).sort();
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/;
const DIRECTIVE = /^<!--\s*(ts-prelude|docs-skip):?([\s\S]*?)-->\s*$/;

/** The fenced blocks of one Markdown file (path relative to `root`, default the working directory). */
export function fencedBlocks(file: string, root = process.cwd()): CodeBlock[] {
  const lines = readFileSync(join(root, file), "utf8").split("\n");
  const blocks: CodeBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const open = FENCE.exec(lines[i] ?? "");
    if (open === null) {
      i++;
      continue;
    }
    const [, indent = "", fence = "```", language = ""] = open;
    const start = i;
    const body: string[] = [];
    i++;
    while (i < lines.length && !(lines[i] ?? "").trim().startsWith(fence)) {
      body.push(
        (lines[i] ?? "").startsWith(indent) ? (lines[i] ?? "").slice(indent.length) : (lines[i] ?? ""),
      );
      i++;
    }
    i++;
    const block: CodeBlock = {
      file,
      line: start + 1,
      language: language.toLowerCase(),
      code: body.join("\n"),
    };
    const directive = precedingComment(lines, start);
    const match = directive === undefined ? null : DIRECTIVE.exec(directive);
    if (match?.[1] === "ts-prelude") block.prelude = (match[2] ?? "").trim();
    if (match?.[1] === "docs-skip") block.skip = (match[2] ?? "").trim();
    blocks.push(block);
  }
  return blocks;
}

/** The HTML comment (possibly spanning lines) that ends on the line before `line`, blank lines between allowed. */
function precedingComment(lines: string[], line: number): string | undefined {
  let end = line - 1;
  while (end >= 0 && (lines[end] ?? "").trim() === "") end--;
  if (end < 0 || !(lines[end] ?? "").trim().endsWith("-->")) return undefined;
  let start = end;
  while (start >= 0 && !(lines[start] ?? "").trim().startsWith("<!--")) start--;
  if (start < 0) return undefined;
  return lines
    .slice(start, end + 1)
    .join("\n")
    .trim();
}
