// The public surface of @ciamkit/core, pinned: every name `src/index.ts` exports, values (what
// `import()` returns at run time) and types (read from the barrels' export statements). A change to
// the barrel or to an area's `index.ts` that adds, drops or renames an export fails here until the
// snapshot is updated on purpose:
//   pnpm exec vitest run --project @ciamkit/core test/public-surface.test.ts -u
// so the diff of `public-surface.txt` is the review of the surface.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const entry = new URL("../src/index.ts", import.meta.url);

interface ExportedName {
  name: string;
  typeOnly: boolean;
}

const REEXPORT = /^export\s+(type\s+)?\{([^}]*)\}\s*from\s*"([^"]+)";$/;
const REEXPORT_ALL = /^export\s*\*\s*from\s*"([^"]+)";$/;

/**
 * The names a barrel exports: it holds only `export { … } from`, `export type { … } from` and
 * `export * from` statements (followed into the named barrel); anything else fails, so no export can
 * be missed. TypeScript 7 has no stable compiler API to ask instead.
 */
function barrelExports(file: URL): ExportedName[] {
  const text = readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^\s*\/\/.*$/gm, "");
  const statements = text
    .split(";")
    .map((s) => s.replace(/\s+/g, " ").trim())
    .filter((s) => s !== "")
    .map((s) => `${s};`);
  return statements.flatMap((statement) => {
    const all = REEXPORT_ALL.exec(statement);
    if (all?.[1] !== undefined) return barrelExports(new URL(all[1], file));
    const some = REEXPORT.exec(statement);
    if (some?.[2] === undefined) throw new Error(`${file.pathname}: not a re-export: ${statement}`);
    return some[2]
      .split(",")
      .map((spec) => spec.trim())
      .filter((spec) => spec !== "")
      .map((spec) => {
        const typeOnly = some[1] !== undefined || spec.startsWith("type ");
        const name = spec
          .replace(/^type\s+/, "")
          .split(/\s+as\s+/)
          .at(-1);
        if (name === undefined) throw new Error(`${file.pathname}: cannot read ${spec}`);
        return { name, typeOnly };
      });
  });
}

describe("the public surface of @ciamkit/core", () => {
  it("exports exactly the names in public-surface.txt", async () => {
    const values = Object.keys(await import("../src/index.ts")).sort();
    const exported = barrelExports(entry);
    // The statements read agree with what `import()` returns: every value, and nothing else.
    const readValues = exported.filter((e) => !e.typeOnly).map((e) => e.name);
    expect([...new Set(readValues)].sort()).toEqual(values);
    const lines = [...new Set(exported.map((e) => `${e.typeOnly ? "type " : "value"} ${e.name}`))].sort(
      (a, b) => (a.slice(6) < b.slice(6) ? -1 : a.slice(6) > b.slice(6) ? 1 : 0),
    );
    await expect(`${lines.join("\n")}\n`).toMatchFileSnapshot("./public-surface.txt");
  });
});
