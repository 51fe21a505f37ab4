import { search } from "@jmespath-community/jmespath";
import type { OutputFormat } from "./formats.ts";
import type { FormatOptions } from "./output-format.ts";
import { outputFormats } from "./registry.ts";

export interface RenderOptions extends FormatOptions {
  format: OutputFormat;
}

/** Thrown for a `--query` that is not valid JMESPath: a usage error, reported before any request. */
export class QueryError extends Error {
  override name = "QueryError";
  /** Core's error kind (`@ciamkit/core/error-kinds`): exit code 2. */
  readonly kind = "usage";
}

/** Checks a JMESPath expression up front, so a typo fails before any request is sent. */
export function validateQuery(query: string): void {
  applyQuery({}, query);
}

/** Renders a command's result as text for stdout; empty string for `none` or nothing to show. */
export function render(value: unknown, options: RenderOptions): string {
  const data = options.query === undefined ? value : applyQuery(value, options.query);
  return outputFormats[options.format].render(data, options);
}

/** `--query` over a value, as the Azure CLI applies it before formatting. */
function applyQuery(value: unknown, query: string): unknown {
  try {
    return search(value as Parameters<typeof search>[0], query);
  } catch (error) {
    throw new QueryError(`--query is not valid JMESPath: ${(error as Error).message}`);
  }
}
