import type { Operation } from "../../operations/define-operation.ts";
import { createUserFlowAttributeOperation } from "./create-user-flow-attribute.ts";
import { deleteUserFlowAttributeOperation } from "./delete-user-flow-attribute.ts";
import { getUserFlowAttributeOperation } from "./get-user-flow-attribute.ts";
import { listUserFlowAttributesOperation } from "./list-user-flow-attributes.ts";
import { updateUserFlowAttributeOperation } from "./update-user-flow-attribute.ts";

/** The operations of the user-flow-attributes area in catalog order (the registry joins the areas' lists). */
export const userFlowAttributesOperations: readonly Operation[] = [
  listUserFlowAttributesOperation,
  getUserFlowAttributeOperation,
  createUserFlowAttributeOperation,
  updateUserFlowAttributeOperation,
  deleteUserFlowAttributeOperation,
];
