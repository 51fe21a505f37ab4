/**
 * The JSON Schema of each kind's spec file, generated from its zod schema (`z.toJSONSchema`, the
 * input side: what a person writes). `pnpm --filter @ciamkit/core schemas` writes them to the
 * package's `schemas/` folder, which is published; a test keeps them current.
 */
import { z } from "zod";
import { schemaFileName, schemaUrl } from "./spec-files.ts";
import { KIND_FILES, KIND_SCHEMAS, KINDS } from "./spec-schema.ts";

/** The JSON Schema documents by file name (`user-flows.schema.json`), as formatted JSON text. */
export function specJsonSchemas(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kind of KINDS) {
    const file = KIND_FILES[kind];
    const schema = z.toJSONSchema(KIND_SCHEMAS[kind], { io: "input", unrepresentable: "any" });
    const document = {
      ...schema,
      $id: schemaUrl(file).replace(/@[^/]+\/schemas/, "/schemas"),
      title: `ciamkit ${kind} (${file})`,
    };
    out[schemaFileName(file)] = `${JSON.stringify(document, null, 2)}\n`;
  }
  return out;
}
