import { isIdempotent, operationAreas, operationsByArea } from "@ciamkit/core";
import { USAGE } from "../config.ts";
import { measureAll } from "./measure-tool-list.ts";

/** Markers around the generated part of docs/mcp.md. */
export const GENERATED_START =
  "<!-- generated:start — do not edit; run `pnpm --filter @ciamkit/mcp-server docs` -->";
export const GENERATED_END = "<!-- generated:end -->";

const number = (n: number) => n.toLocaleString("en-US");

/**
 * The generated part of docs/mcp.md: the flags, the measured `tools/list` payloads, and the tools of
 * each toolset from the catalog. A test compares it with the committed doc, so the doc cannot drift.
 */
export async function toolReference(): Promise<string> {
  const sizes = await measureAll();
  const lines = [
    GENERATED_START,
    "",
    "### Flags",
    "",
    "```text",
    USAGE,
    "```",
    "",
    "### What `tools/list` costs",
    "",
    "Bytes of the JSON answer as sent, and approximate tokens (bytes / 4). The budget for the full",
    "catalog is 25,000 tokens and for `--discovery` 3,000; tests enforce both. The last four columns",
    "say where the tokens go: names, titles and descriptions; input schemas; output schemas; hints.",
    "",
    "| started with | tools | bytes | ≈ tokens | text | inputs | outputs | hints |",
    "|---|--:|--:|--:|--:|--:|--:|--:|",
    ...sizes.map(
      (s) =>
        `| \`${s.selection}\` | ${s.tools} | ${number(s.bytes)} | ${number(s.approxTokens)} | ${[
          s.parts.text,
          s.parts.inputSchemas,
          s.parts.outputSchemas,
          s.parts.annotations,
        ]
          .map(number)
          .join(" | ")} |`,
    ),
    "",
    "### Tools",
    "",
    "Generated from the operation catalog. Access `read` tools are all that `--read-only` offers;",
    "`destructive` tools ask the user to confirm (MCP elicitation). Idempotent tools (`idempotentHint`)",
    "change nothing more when called again with the same arguments; a client may retry them.",
  ];
  for (const area of operationAreas()) {
    lines.push(
      "",
      `#### ${area}`,
      "",
      "| tool | title | access | idempotent | permissions |",
      "|---|---|---|---|---|",
    );
    for (const op of operationsByArea(area)) {
      const idempotent = isIdempotent(op) ? "yes" : "no";
      lines.push(
        `| \`${op.name}\` | ${op.title} | ${op.access} | ${idempotent} | ${op.permissions.join(", ")} |`,
      );
    }
  }
  lines.push("", GENERATED_END);
  return lines.join("\n");
}

/** `doc` with its generated part replaced by `generated`; throws when the markers are missing. */
export function replaceGenerated(doc: string, generated: string): string {
  const start = doc.indexOf(GENERATED_START);
  const end = doc.indexOf(GENERATED_END);
  if (start < 0 || end < start) throw new Error("docs/mcp.md has no generated section markers.");
  return doc.slice(0, start) + generated + doc.slice(end + GENERATED_END.length);
}
