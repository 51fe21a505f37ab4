import type { OutputFormat } from "./output/formats.ts";

/** Options every command accepts (defined once on the root command). */
export interface GlobalOptions {
  output?: OutputFormat | undefined;
  query?: string | undefined;
  profile?: string | undefined;
  emulator?: boolean | undefined;
  readOnly?: boolean | undefined;
  yes?: boolean | undefined;
}

/** Options of a catalog command besides its input fields. */
export interface CommandOptions extends GlobalOptions {
  input?: string | undefined;
  all?: boolean | undefined;
  [field: string]: unknown;
}
