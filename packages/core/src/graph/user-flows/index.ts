// The public names of the user-flows area (sign-up and sign-in user flows and the apps, identity providers
// and attributes they link); core's src/index.ts re-exports them all. The area's operations, in catalog
// order, are listed in ./operations.ts.
export { addFlowAppOperation } from "./add-flow-app.ts";
export { addFlowAttributeOperation } from "./add-flow-attribute.ts";
export { addFlowIdpOperation } from "./add-flow-idp.ts";
export { createUserFlowOperation } from "./create-user-flow.ts";
export { deleteUserFlowOperation } from "./delete-user-flow.ts";
export { findUserFlowByAppOperation } from "./find-user-flow-by-app.ts";
export { getUserFlowOperation } from "./get-user-flow.ts";
export { listFlowAppsOperation } from "./list-flow-apps.ts";
export { listFlowAttributesOperation } from "./list-flow-attributes.ts";
export { listFlowIdpsOperation } from "./list-flow-idps.ts";
export { listUserFlowsOperation } from "./list-user-flows.ts";
export { removeFlowAppOperation } from "./remove-flow-app.ts";
export { removeFlowAttributeOperation } from "./remove-flow-attribute.ts";
export { removeFlowIdpOperation } from "./remove-flow-idp.ts";
export { setupUserFlowOperation } from "./setup-user-flow.ts";
export { updateUserFlowOperation } from "./update-user-flow.ts";
export type { UserFlow } from "./user-flow-schema.ts";
