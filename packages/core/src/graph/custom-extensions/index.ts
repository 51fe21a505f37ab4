// The public names of the custom-extensions area (custom authentication extensions); core's src/index.ts re-
// exports them all. The area's operations, in catalog order, are listed in ./operations.ts.
export { createCustomExtensionOperation } from "./create-custom-extension.ts";
export type { CustomExtension, ExtensionKind } from "./custom-extension-schema.ts";
export { EXTENSION_KINDS } from "./custom-extension-schema.ts";
export { deleteCustomExtensionOperation } from "./delete-custom-extension.ts";
export { getCustomExtensionOperation } from "./get-custom-extension.ts";
export { listCustomExtensionsOperation } from "./list-custom-extensions.ts";
export { updateCustomExtensionOperation } from "./update-custom-extension.ts";
export { validateCustomExtensionOperation } from "./validate-custom-extension.ts";
export { wireCustomExtensionOperation } from "./wire-custom-extension.ts";
