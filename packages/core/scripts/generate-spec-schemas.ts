// Writes packages/core/schemas/*.schema.json (the JSON Schema of each tenant-as-code spec file).
// Run: `pnpm --filter @ciamkit/core schemas` after changing a spec schema in src/config.
import { mkdirSync, writeFileSync } from "node:fs";
import { specJsonSchemas } from "../src/config/json-schemas.ts";

const dir = new URL("../schemas/", import.meta.url);
mkdirSync(dir, { recursive: true });
const files = specJsonSchemas();
for (const [name, text] of Object.entries(files)) writeFileSync(new URL(name, dir), text);
console.log(`wrote ${Object.keys(files).length} schemas to packages/core/schemas`);
