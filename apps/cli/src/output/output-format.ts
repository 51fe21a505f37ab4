/** How a format is given a result: after `--query`, for a terminal of `width` columns. */
export interface FormatOptions {
  /** The `--query` that produced the data, if any (a table shows a result's own summary only without one). */
  query?: string | undefined;
  /** Terminal width for tables; wide cells are cut with an ellipsis. */
  width?: number | undefined;
}

/** A list printed page by page as the pages arrive. */
export interface PageWriter {
  /** Prints one page (never empty); `first` for the list's first page. */
  page(items: readonly unknown[], first: boolean): void;
  /** Ends the list of `count` items (a JSON array's `]`, an empty list's form, a table's footer). */
  end(count: number): void;
}

/**
 * One `--output` format: one file in `formats/`, one entry in `registry.ts`. `stream` must print,
 * page by page, exactly what `render` prints for all the items at once.
 */
export interface OutputFormatter {
  /** The whole result as text for stdout; empty when there is nothing to show. */
  render(data: unknown, options: FormatOptions): string;
  /** A writer for a list whose pages arrive one by one. */
  stream(write: (text: string) => void, options: FormatOptions): PageWriter;
}
