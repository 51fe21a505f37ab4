/**
 * Output formats, as the Azure CLI names them: `--output`'s choices, help and completion. Only the
 * names live here, so that `ciam --help` loads no renderer; each format's renderer is a file in
 * `formats/` with its entry in `registry.ts`, which the compiler holds to this list.
 */
export const OUTPUT_FORMATS = ["table", "json", "yaml", "tsv", "none"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Table on a terminal, JSON when piped or redirected (what scripts parse). */
export function defaultFormat(isTty: boolean): OutputFormat {
  return isTty ? "table" : "json";
}
