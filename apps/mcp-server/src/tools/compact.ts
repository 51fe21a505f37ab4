/** Longest string a tool result carries in full; longer ones are cut with a note. */
export const MAX_TEXT_LENGTH = 500;

/** A result made smaller for a model's context, with notes on what was left out. */
export interface Compacted {
  value: unknown;
  /** One line per string that was cut: where, and how long it was. */
  notes: string[];
}

/** How far {@link compact} goes. */
export interface CompactOptions {
  /** Also drop empty arrays below the top level (`businessPhones: []`). */
  dropEmptyArrays: boolean;
  /** Property names never cut (secrets shown once must arrive whole). */
  keepWhole?: readonly string[] | undefined;
}

/**
 * Drops `null` properties (Graph returns dozens per object, and each costs tokens while saying
 * nothing), optionally empty arrays, and cuts long strings (certificates, descriptions, custom CSS)
 * to {@link MAX_TEXT_LENGTH} characters, noting each cut so the model knows to ask for the object by
 * id when it needs the text.
 */
export function compact(value: unknown, options: CompactOptions): Compacted {
  const notes: string[] = [];
  const keepWhole = new Set(options.keepWhole ?? []);
  const walk = (v: unknown, at: string, key: string, depth: number): unknown => {
    if (typeof v === "string" && v.length > MAX_TEXT_LENGTH && !keepWhole.has(key)) {
      notes.push(
        `${at || "(value)"} was cut to ${MAX_TEXT_LENGTH} of ${v.length} characters; get the object by id for the full text`,
      );
      return `${v.slice(0, MAX_TEXT_LENGTH)}…`;
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, `${at}[${i}]`, key, depth + 1));
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) {
        if (item === null || item === undefined) continue;
        if (options.dropEmptyArrays && depth > 0 && Array.isArray(item) && item.length === 0) continue;
        out[k] = walk(item, at === "" ? k : `${at}.${k}`, k, depth + 1);
      }
      return out;
    }
    return v;
  };
  return { value: walk(value, "", "", 0), notes };
}
