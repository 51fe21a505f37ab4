import type { Operation } from "../../operations/define-operation.ts";
import { addFlowAppOperation } from "./add-flow-app.ts";
import { addFlowAttributeOperation } from "./add-flow-attribute.ts";
import { addFlowIdpOperation } from "./add-flow-idp.ts";
import { createUserFlowOperation } from "./create-user-flow.ts";
import { deleteUserFlowOperation } from "./delete-user-flow.ts";
import { findUserFlowByAppOperation } from "./find-user-flow-by-app.ts";
import { getUserFlowOperation } from "./get-user-flow.ts";
import { listFlowAppsOperation } from "./list-flow-apps.ts";
import { listFlowAttributesOperation } from "./list-flow-attributes.ts";
import { listFlowIdpsOperation } from "./list-flow-idps.ts";
import { listUserFlowsOperation } from "./list-user-flows.ts";
import { removeFlowAppOperation } from "./remove-flow-app.ts";
import { removeFlowAttributeOperation } from "./remove-flow-attribute.ts";
import { removeFlowIdpOperation } from "./remove-flow-idp.ts";
import { setupUserFlowOperation } from "./setup-user-flow.ts";
import { updateUserFlowOperation } from "./update-user-flow.ts";

/** The operations of the user-flows area in catalog order (the registry joins the areas' lists). */
export const userFlowsOperations: readonly Operation[] = [
  listUserFlowsOperation,
  getUserFlowOperation,
  findUserFlowByAppOperation,
  createUserFlowOperation,
  updateUserFlowOperation,
  deleteUserFlowOperation,
  listFlowAppsOperation,
  addFlowAppOperation,
  removeFlowAppOperation,
  listFlowIdpsOperation,
  addFlowIdpOperation,
  removeFlowIdpOperation,
  listFlowAttributesOperation,
  addFlowAttributeOperation,
  removeFlowAttributeOperation,
  setupUserFlowOperation,
];
