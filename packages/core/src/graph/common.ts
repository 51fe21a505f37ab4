/** Pieces shared by the Graph resource clients and operations: ids in paths, list input/output, `$select`. */

import { z } from "zod";
import { InputError } from "../input-error.ts";

/** Puts an id (object id, UPN, appId) into a path segment; rejects what could escape the segment. */
export function segment(id: string): string {
  if (id === "" || id === "." || id === ".." || [...id].some((c) => c.charCodeAt(0) < 0x20)) {
    throw new InputError(
      `Not a valid id: ${JSON.stringify(id)} (an id has no control characters and is not empty, "." or ".."); give the object's id`,
    );
  }
  return encodeURIComponent(id);
}

/** An object id; user operations also accept a userPrincipalName. */
export const idSchema = z.string().trim().min(1).max(1024);

/** The output of a delete by id: the id deleted (a delete of what is already gone is not an error). */
export const deletedSchema = z.object({ id: z.string(), deleted: z.literal(true) });

/** What a delete by id returns once Graph has answered. */
export function deleted(id: string): z.infer<typeof deletedSchema> {
  return { id, deleted: true };
}

/** Input fields every list operation shares. */
export const listInputShape = {
  limit: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(100)
    .describe("The most items returned: one page; its nextCursor, passed as cursor, continues."),
  cursor: z.string().min(1).optional().describe("From nextCursor."),
};

/** The output of a list operation: items and, when more exist, a cursor. */
export function listOutputSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().optional().describe("Pass as `cursor` for the next page; absent on the last."),
  });
}

/**
 * An entity without Graph's `@odata.context` (the metadata URL of the response, not a property of the
 * object). Schemas that keep unknown properties, for `$select`ed extras, would otherwise hand it to users.
 */
export function withoutODataContext<T extends object>(entity: T): T {
  const copy: Record<string, unknown> = { ...(entity as Record<string, unknown>) };
  delete copy["@odata.context"];
  return copy as T;
}

/** A `$select` input: Graph property names. */
export const selectSchema = z
  .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a property name"))
  .min(1)
  .optional()
  .describe('Graph `$select`, e.g. ["id","identities"].');

/** `$select` as a query value. */
export function selectQuery(select: readonly string[] | undefined): string | undefined {
  return select === undefined ? undefined : select.join(",");
}

/** A Graph DateTimeOffset as returned (ISO 8601). */
export const dateTimeSchema = z.string().describe("ISO 8601 date and time (UTC).");

/**
 * A point in time as input: ISO 8601 date-time with offset (or `Z`), or a date. The union's own error
 * ("Invalid input") would not tell a user which spellings are accepted, so it says so.
 */
export const instantSchema = z.union([z.iso.datetime({ offset: true }), z.iso.date()], {
  error: "expected an ISO 8601 date (2026-11-27) or date-time with offset (2026-11-27T08:00:00Z)",
});

/** The `Date` of an {@link instantSchema} value. */
export function toDate(value: string | undefined): Date | undefined {
  return value === undefined ? undefined : new Date(value);
}
