import { z } from "zod";
import type { OperationContext } from "../operations/context.ts";
import type { ObjectSchema } from "../operations/define-operation.ts";
import { defineOperation } from "../operations/define-operation.ts";
import { deleted, deletedSchema } from "./common.ts";

/** What a delete-by-id operation says of itself; the rest is the same for every one of them. */
export interface DeleteOperationText {
  title: string;
  description: string;
  permissions: readonly string[];
  /** Deletes the object; the id is the validated input (a key-set delete expands it first). */
  remove: (ctx: OperationContext, id: string) => Promise<unknown>;
}

/**
 * A delete by id: destructive, idempotent (Graph answers 204 and then 404; both mean it is gone), input
 * `{ id }`, output `{ id, deleted: true }`. `area` and `name` follow the catalog's rules (the catalog
 * test checks them like any other operation's).
 */
export function deleteOperation(
  name: string,
  area: string,
  id: z.ZodType<string>,
  text: DeleteOperationText,
) {
  return defineOperation({
    name,
    area,
    title: text.title,
    description: text.description,
    access: "destructive",
    idempotent: true,
    permissions: text.permissions,
    input: z.object({ id }),
    output: deletedSchema,
    run: async (ctx, input) => {
      await text.remove(ctx, input.id);
      return deleted(input.id);
    },
  });
}

/** What a get-by-id operation says of itself. */
export interface GetOperationText<O extends ObjectSchema> {
  title: string;
  description: string;
  permissions: readonly string[];
  /** Reads the object (Graph's 404 becomes a not-found error). */
  get: (ctx: OperationContext, id: string) => Promise<z.input<O>>;
}

/** A read of one object by id: input `{ id }`, output the object's schema. */
export function getOperation<O extends ObjectSchema>(
  name: string,
  area: string,
  id: z.ZodType<string>,
  output: O,
  text: GetOperationText<O>,
) {
  return defineOperation({
    name,
    area,
    title: text.title,
    description: text.description,
    access: "read",
    permissions: text.permissions,
    input: z.object({ id }),
    output,
    run: (ctx, input) => text.get(ctx, input.id),
  });
}
