import type { Operation } from "./define-operation.ts";
import { areaPrefix } from "./define-operation.ts";
import { operations } from "./registry.ts";

/** What a destructive call is about to remove, for the question a front end asks before it. */
export interface DestructiveTarget {
  /** The input's identifying values as given (strings and numbers), in input order: `[["id", "…"]]`. */
  fields: readonly (readonly [string, string])[];
  /** Whether the object was read (see {@link destructiveTarget}); `name` and `id` come from it. */
  read: boolean;
  /** The object's name (`displayName`, else `userPrincipalName`, else `name`), as the tenant has it: escape it before showing it. */
  name?: string | undefined;
  /** The object's id as read, else the input's `id`. */
  id?: string | undefined;
}

/**
 * Reads an object with an operation: the front end's runner. It may answer `undefined` for "could not
 * read" (a best-effort reader); an error it throws stops the confirmation (a wrong id fails there,
 * with nothing removed).
 */
export type TargetReader = (get: Operation, input: Record<string, unknown>) => Promise<unknown>;

/**
 * The area's `get` operation when it takes every field the destructive input sets (a delete by `id`,
 * not a member removal by two ids), so the object can be read and named before it is removed.
 */
export function targetReadOperation(
  operation: Operation,
  input: Record<string, unknown>,
): Operation | undefined {
  const get = operations.find(
    (op) => op.area === operation.area && op.name === `${areaPrefix(op.area)}_get` && op.access === "read",
  );
  const keys = Object.keys(input).filter((k) => input[k] !== undefined);
  if (get === undefined || keys.length === 0 || !keys.every((k) => k in get.input.shape)) return undefined;
  return get;
}

/**
 * Names the target of a destructive call from its validated input, for the confirmation both front
 * ends ask: the identifying values, and, when the area has a `get` taking them, the object's name and
 * id read with `read`, so a person confirms "Beta testers", not a GUID. Not destructive: no target.
 */
export async function destructiveTarget(
  operation: Operation,
  input: Record<string, unknown>,
  read: TargetReader,
): Promise<DestructiveTarget | undefined> {
  if (operation.access !== "destructive") return undefined;
  const fields = Object.entries(input)
    .filter((entry): entry is [string, string | number] => ["string", "number"].includes(typeof entry[1]))
    .map(([k, v]) => [k, String(v)] as const);
  const get = targetReadOperation(operation, input);
  const item = get === undefined ? undefined : await read(get, input);
  if (item === null || typeof item !== "object") return { fields, read: false };
  const object = item as Record<string, unknown>;
  const name = object.displayName ?? object.userPrincipalName ?? object.name;
  const id = object.id ?? input.id;
  return {
    fields,
    read: true,
    name: name === undefined || name === null || name === "" ? undefined : String(name),
    id: id === undefined ? undefined : String(id),
  };
}
