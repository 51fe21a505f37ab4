import { readFileSync } from "node:fs";
import { operationAreas } from "@ciamkit/core";
import { describe, expect, it } from "vitest";
import { measureToolList } from "../src/reference/measure-tool-list.ts";
import { replaceGenerated, toolReference } from "../src/reference/tool-reference.ts";

describe("tools/list budget", () => {
  it("keeps the full catalog under 25k tokens", async () => {
    const full = await measureToolList("(all tools)", {});
    expect(full.approxTokens).toBeLessThan(25_000);
  });

  it("keeps discovery mode under 3k tokens", async () => {
    expect((await measureToolList("--discovery", { discovery: true })).approxTokens).toBeLessThan(3_000);
  });

  it("sums per toolset to the full catalog", async () => {
    const full = await measureToolList("(all tools)", {});
    let tools = 0;
    for (const area of operationAreas()) tools += (await measureToolList(area, { toolsets: [area] })).tools;
    expect(tools).toBe(full.tools);
  });
});

/** Markdown with table padding removed: biome aligns the committed tables, the generator does not. */
function alignFree(markdown: string): string {
  return markdown
    .split("\n")
    .map((line) => (line.startsWith("|") ? line.replace(/ *\| */g, "|").replace(/-+/g, "-") : line))
    .join("\n");
}

describe("docs/mcp.md", () => {
  it("has the generated reference of the current catalog (run `pnpm --filter @ciamkit/mcp-server docs` to update it)", async () => {
    const doc = readFileSync(new URL("../../../docs/mcp.md", import.meta.url), "utf8");
    expect(alignFree(replaceGenerated(doc, await toolReference()))).toBe(alignFree(doc));
  });
});
