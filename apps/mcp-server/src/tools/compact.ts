/** Longest string a tool result carries in full; longer ones are cut with a note. */
export const MAX_TEXT_LENGTH = 500;

/** A result made smaller for a model's context, with notes on what was left out. */
export interface Compacted {
  value: unknown;
  /** One line per string that was cut: where, and how long it was. */
  notes: string[];
}

/**
 * Drops `null` properties (Graph returns dozens per object, and each costs tokens while saying
 * nothing) and cuts long strings (certificates, descriptions, custom CSS) to {@link MAX_TEXT_LENGTH}
 * characters, noting each cut so the model knows to ask for the object by id when it needs the text.
 */
export function compact(value: unknown, path = ""): Compacted {
  const notes: string[] = [];
  const walk = (v: unknown, at: string): unknown => {
    if (typeof v === "string" && v.length > MAX_TEXT_LENGTH) {
      notes.push(`${at || "(value)"} was cut to ${MAX_TEXT_LENGTH} of ${v.length} characters`);
      return `${v.slice(0, MAX_TEXT_LENGTH)}…`;
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, `${at}[${i}]`));
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(v)) {
        if (item === null || item === undefined) continue;
        out[key] = walk(item, at === "" ? key : `${at}.${key}`);
      }
      return out;
    }
    return v;
  };
  return { value: walk(value, path), notes };
}
