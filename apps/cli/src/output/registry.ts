import { jsonFormat } from "./formats/json.ts";
import { noneFormat } from "./formats/none.ts";
import { tableFormat } from "./formats/table.ts";
import { tsvFormat } from "./formats/tsv.ts";
import { yamlFormat } from "./formats/yaml.ts";
import type { OutputFormat } from "./formats.ts";
import type { OutputFormatter } from "./output-format.ts";

/**
 * Every `--output` format's renderer. Typed by {@link OutputFormat}: a name in `OUTPUT_FORMATS`
 * without an entry here, or an entry without its name, does not compile.
 */
export const outputFormats: Record<OutputFormat, OutputFormatter> = {
  table: tableFormat,
  json: jsonFormat,
  yaml: yamlFormat,
  tsv: tsvFormat,
  none: noneFormat,
};
