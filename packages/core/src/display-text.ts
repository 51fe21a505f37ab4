/**
 * Characters that change how text around them is shown instead of showing themselves: C0 controls
 * (line breaks, ESC that starts terminal sequences), DEL, C1 controls (CSI U+009B), the Unicode line
 * and paragraph separators, and the bidirectional marks, embeddings, overrides and isolates that
 * reorder what a reader sees (the "Trojan Source" characters, CVE-2021-42574).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * A tenant value made safe to show to a person or a model: every control, line-breaking or
 * bidirectional character is written as a visible escape (`\n`, `\r`, `\t`, `\u001b`, `\u202e`), so a
 * customer-chosen display name cannot add lines to a confirmation prompt, send terminal escape
 * sequences or reverse the text after it. Printable text, accents and emoji are kept as they are.
 * Use it wherever a value from the tenant is shown as text; data formats (JSON, YAML output) carry
 * values unchanged.
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(
    CONTROL,
    (c) => NAMED[c] ?? `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`,
  );
}
