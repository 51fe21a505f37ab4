import { deleteOperation } from "../by-id-operations.ts";
import { idSchema } from "../common.ts";
import { delegatedOnly, FRAUD_WRITE, fraudProviders } from "./fraud-providers-client.ts";

/** `fraud_provider_delete`: removes a fraud protection provider (delegated sign-in only). */
export const deleteFraudProviderOperation = deleteOperation(
  "fraud_provider_delete",
  "fraud-providers",
  idSchema,
  {
    title: "Delete a fraud protection provider",
    description:
      "Deletes a fraud protection provider by id; listeners naming it stop protecting sign-ups. Delegated sign-in only.",
    permissions: FRAUD_WRITE,
    remove: (ctx, id) =>
      delegatedOnly(FRAUD_WRITE, () => fraudProviders.remove(ctx.graph, id, { signal: ctx.signal })),
  },
);
