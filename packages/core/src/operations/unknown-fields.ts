import { closestMatch } from "leven";

/** One input field no schema field is named like, and the field it was probably meant to be. */
export interface UnknownField {
  field: string;
  /** The known field closest in spelling (a typo or a case slip), when one is close enough. */
  suggestion?: string | undefined;
}

/**
 * The top-level fields of `input` that are not among `known` (fields set to `undefined` count as
 * absent). Zod drops unknown keys, so without this check `jobTitel` would be ignored in silence and
 * the call would succeed without the change.
 */
export function unknownFields(known: readonly string[], input: unknown): UnknownField[] {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return [];
  return Object.entries(input)
    .filter(([field, value]) => value !== undefined && !known.includes(field))
    .map(([field]) => {
      // Two edits (a swapped pair of letters) from four letters on, a third of longer names: typos
      // are caught without pairing unrelated short names (`x` is not `id`).
      const maxDistance = field.length < 4 ? 1 : Math.max(2, Math.floor(field.length / 3));
      const suggestion =
        known.find((k) => k.toLowerCase() === field.toLowerCase()) ??
        closestMatch(field, known, { maxDistance });
      return suggestion === undefined ? { field } : { field, suggestion };
    });
}

/** `field: not an input field (did you mean x?)` for each unknown field (the known ones listed when none is close). */
export function unknownFieldIssues(known: readonly string[], input: unknown): string[] {
  return unknownFields(known, input).map(({ field, suggestion }) =>
    suggestion === undefined
      ? `${field}: not an input field (the fields are ${known.join(", ")})`
      : `${field}: not an input field (did you mean ${suggestion}?)`,
  );
}
