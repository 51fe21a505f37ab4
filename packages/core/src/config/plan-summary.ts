/**
 * A plan as text for a person (the CLI's table format prints it, an MCP client can show it): one line
 * per change, in apply's order, with each changed field's before → after. Names and values are the
 * tenant's and the spec's text: control characters are escaped so they cannot rewrite the lines.
 */
import { escapeControlCharacters } from "../display-text.ts";
import type { PlannedChange } from "./plan-types.ts";

const SIGN = { create: "+", update: "~", replace: "-/+", delete: "-" } as const;

const value = (v: unknown) => (v === undefined ? "(none)" : escapeControlCharacters(JSON.stringify(v)));

/**
 * The plan as a confirmation shows it: its text, then the deletes and replaces called out (they
 * cannot be undone), so a person answering sees them last, just above the question.
 */
export function planConfirmation(
  changes: readonly PlannedChange[],
  unmanaged: readonly string[] = [],
): string {
  const gone = changes.filter((c) => c.action === "delete" || c.action === "replace");
  const warning =
    gone.length === 0
      ? ""
      : `! ${gone.length} to delete or replace (cannot be undone): ${gone
          .map(
            (c) =>
              `${c.kind} '${escapeControlCharacters(c.name)}'${c.action === "replace" ? " (replaced)" : ""}`,
          )
          .join(", ")}\n`;
  return `${planText(changes, "Plan", unmanaged)}${warning}`;
}

/** The plan's text: a count line, each change and its fields, then what is left alone (`=`). */
export function planText(
  changes: readonly PlannedChange[],
  verb: "Plan" | "Applied" = "Plan",
  unmanaged: readonly string[] = [],
): string {
  const count = (action: PlannedChange["action"]) => changes.filter((c) => c.action === action).length;
  const head =
    changes.length === 0
      ? verb === "Plan"
        ? "No changes: the tenant is as the spec says."
        : "Nothing to apply: the tenant was as the spec says."
      : `${verb}: ${count("create")} to create, ${count("update")} to update, ${count("replace")} to replace, ${count("delete")} to delete.`;
  const lines = [head];
  for (const c of changes) {
    const id = c.id === undefined ? "" : ` (${escapeControlCharacters(c.id)})`;
    const reason = c.reason === undefined ? "" : `: ${c.reason}`;
    lines.push(`  ${SIGN[c.action]} ${c.kind} '${escapeControlCharacters(c.name)}'${id}${reason}`);
    for (const f of c.fields) {
      const field = escapeControlCharacters(f.field);
      lines.push(
        c.action === "create"
          ? `      ${field}: ${value(f.after)}`
          : `      ${field}: ${value(f.before)} → ${value(f.after)}`,
      );
    }
  }
  for (const note of unmanaged) lines.push(`  = ${escapeControlCharacters(note)}`);
  return `${lines.join("\n")}\n`;
}
