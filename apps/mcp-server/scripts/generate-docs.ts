// Regenerates the generated part of docs/mcp.md (flags, tools/list sizes, tool list) from the catalog.
// Run: pnpm --filter @ciamkit/mcp-server docs
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { replaceGenerated, toolReference } from "../src/reference/tool-reference.ts";

const path = new URL("../../../docs/mcp.md", import.meta.url);
const doc = readFileSync(path, "utf8");
const next = replaceGenerated(doc, await toolReference());
writeFileSync(path, next);
// Biome aligns markdown tables; format now so the committed file passes `biome check`.
execFileSync("pnpm", ["exec", "biome", "format", "--write", fileURLToPath(path)], { stdio: "ignore" });
process.stderr.write("docs/mcp.md regenerated\n");
