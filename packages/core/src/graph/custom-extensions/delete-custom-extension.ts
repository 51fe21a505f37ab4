import { deleteOperation } from "../by-id-operations.ts";
import { idSchema } from "../common.ts";
import { deleteCustomExtension } from "./custom-extensions-client.ts";

/** `custom_extension_delete`: remove a custom authentication extension. */
export const deleteCustomExtensionOperation = deleteOperation(
  "custom_extension_delete",
  "custom-extensions",
  idSchema,
  {
    title: "Delete a custom extension",
    description:
      "Deletes a custom extension by id; delete or rebind its event listeners first (event_listener_list).",
    permissions: ["CustomAuthenticationExtension.ReadWrite.All"],
    remove: (ctx, id) => deleteCustomExtension(ctx.graph, id, { signal: ctx.signal }),
  },
);
