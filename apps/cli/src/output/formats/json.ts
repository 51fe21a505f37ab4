import type { OutputFormatter } from "../output-format.ts";

/** `-o json`: the result indented by two; a streamed list is one JSON array, item by item. */
export const jsonFormat: OutputFormatter = {
  render: (data) => (data === undefined ? "" : `${JSON.stringify(data, null, 2)}\n`),
  stream: (write) => ({
    page: (items, first) =>
      write(`${first ? "[\n" : ",\n"}${items.map((i) => indent(JSON.stringify(i, null, 2))).join(",\n")}`),
    end: (count) => write(count === 0 ? "[]\n" : "\n]\n"),
  }),
};

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}
