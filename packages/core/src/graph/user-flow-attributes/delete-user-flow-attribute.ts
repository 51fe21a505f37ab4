import { deleteOperation } from "../by-id-operations.ts";
import { attributeIdSchema } from "./user-flow-attribute-schema.ts";
import { deleteAttribute } from "./user-flow-attributes-client.ts";

/** `user_flow_attribute_delete`: delete a custom attribute. */
export const deleteUserFlowAttributeOperation = deleteOperation(
  "user_flow_attribute_delete",
  "user-flow-attributes",
  attributeIdSchema,
  {
    title: "Delete a custom user-flow attribute",
    description:
      "Deletes a custom attribute (not built-ins); remove it from flows first (user_flow_attribute_remove).",
    permissions: ["IdentityUserFlow.ReadWrite.All"],
    remove: (ctx, id) => deleteAttribute(ctx.graph, id, { signal: ctx.signal }),
  },
);
