import type { Operation } from "../../operations/define-operation.ts";
import { createCustomExtensionOperation } from "./create-custom-extension.ts";
import { deleteCustomExtensionOperation } from "./delete-custom-extension.ts";
import { getCustomExtensionOperation } from "./get-custom-extension.ts";
import { listCustomExtensionsOperation } from "./list-custom-extensions.ts";
import { updateCustomExtensionOperation } from "./update-custom-extension.ts";
import { validateCustomExtensionOperation } from "./validate-custom-extension.ts";
import { wireCustomExtensionOperation } from "./wire-custom-extension.ts";

/** The operations of the custom-extensions area in catalog order (the registry joins the areas' lists). */
export const customExtensionsOperations: readonly Operation[] = [
  listCustomExtensionsOperation,
  getCustomExtensionOperation,
  createCustomExtensionOperation,
  updateCustomExtensionOperation,
  deleteCustomExtensionOperation,
  validateCustomExtensionOperation,
  wireCustomExtensionOperation,
];
