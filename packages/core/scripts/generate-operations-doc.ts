// Writes docs/operations.md (at the repository root) from the operation catalog.
// Run: `pnpm --filter @ciamkit/core docs:operations` after adding or changing an operation.
import { writeFileSync } from "node:fs";
import { operations } from "../src/operations/registry.ts";
import { renderOperationsMarkdown } from "./operations-markdown.ts";

const target = new URL("../../../docs/operations.md", import.meta.url);
writeFileSync(target, renderOperationsMarkdown(operations));
console.log(`wrote ${operations.length} operations to docs/operations.md`);
