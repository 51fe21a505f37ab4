// Regenerates the generated part of docs/mcp.md (flags, tools/list sizes, tool list) from the catalog.
// Run: pnpm --filter @ciamkit/mcp-server docs
import { readFileSync, writeFileSync } from "node:fs";
import { replaceGenerated, toolReference } from "../src/reference/tool-reference.ts";

const path = new URL("../../../docs/mcp.md", import.meta.url);
const doc = readFileSync(path, "utf8");
const next = replaceGenerated(doc, await toolReference());
if (next !== doc) writeFileSync(path, next);
process.stderr.write(next === doc ? "docs/mcp.md is up to date\n" : "docs/mcp.md regenerated\n");
