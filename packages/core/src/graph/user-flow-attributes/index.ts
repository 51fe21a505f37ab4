// The public names of the user-flow-attributes area (custom user attributes collected by user flows); core's
// src/index.ts re-exports them all. The area's operations, in catalog order, are listed in ./operations.ts.
export { createUserFlowAttributeOperation } from "./create-user-flow-attribute.ts";
export { deleteUserFlowAttributeOperation } from "./delete-user-flow-attribute.ts";
export { getUserFlowAttributeOperation } from "./get-user-flow-attribute.ts";
export { listUserFlowAttributesOperation } from "./list-user-flow-attributes.ts";
export { updateUserFlowAttributeOperation } from "./update-user-flow-attribute.ts";
export type { UserFlowAttribute } from "./user-flow-attribute-schema.ts";
