import type { ObjectSchema, Operation } from "@ciamkit/core";
import { z } from "zod";

/** Items a list tool returns when the model does not ask for a number: one screenful, not Graph's 100. */
export const DEFAULT_PAGE_SIZE = 20;
/** The most items one list call may return, so one answer cannot flood the model's context. */
export const MAX_PAGE_SIZE = 100;

/**
 * The input schema the tool offers: the operation's own, with a smaller default and cap for `limit` on
 * list operations, and `limit` and `cursor` undescribed (ten list tools repeated "Page size." and
 * "From nextCursor."; the names, the bounds and the result's `nextCursor` say it). Core still
 * validates the input with its own schema when the operation runs.
 */
export function toolInputSchema(operation: Operation): ObjectSchema {
  if (operation.list !== true) return operation.input;
  // Made once per operation: every session's tools and every call use the same schema.
  let schema = listInputs.get(operation);
  if (schema === undefined) {
    schema = operation.input.safeExtend({
      limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
      cursor: z.string().optional(),
    });
    listInputs.set(operation, schema);
  }
  return schema;
}

const listInputs = new WeakMap<Operation, ObjectSchema>();
