/** Output formats, as the Azure CLI names them. */
export const OUTPUT_FORMATS = ["table", "json", "yaml", "tsv", "none"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Table on a terminal, JSON when piped or redirected (what scripts parse). */
export function defaultFormat(isTty: boolean): OutputFormat {
  return isTty ? "table" : "json";
}
