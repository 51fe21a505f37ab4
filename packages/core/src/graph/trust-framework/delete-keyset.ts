import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { deleted, deletedSchema } from "../common.ts";
import { deleteKeySet } from "./trust-framework-client.ts";
import { B2C_ONLY, fullKeySetId, keySetIdSchema } from "./trust-framework-schema.ts";

/** `trust_framework_keyset_delete`: remove a policy key set and its keys. */
export const deleteKeySetOperation = defineOperation({
  name: "trust_framework_keyset_delete",
  area: "trust-framework",
  title: "Delete a B2C policy key set",
  description: `Deletes a policy key set with its keys; policies referencing it break until it is recreated. ${B2C_ONLY}`,
  access: "destructive",
  idempotent: true,
  permissions: ["TrustFrameworkKeySet.ReadWrite.All"],
  input: z.object({ id: keySetIdSchema }),
  output: deletedSchema,
  run: async (ctx, input) => {
    const id = fullKeySetId(input.id);
    await deleteKeySet(ctx.graphBeta, id, { signal: ctx.signal });
    return deleted(id);
  },
});
