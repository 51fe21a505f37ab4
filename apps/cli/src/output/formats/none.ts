import type { OutputFormatter } from "../output-format.ts";

/** `-o none`: nothing on stdout (the exit code says how it went). */
export const noneFormat: OutputFormatter = {
  render: () => "",
  stream: () => ({ page: () => undefined, end: () => undefined }),
};
