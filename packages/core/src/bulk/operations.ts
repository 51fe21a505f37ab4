import type { Operation } from "../operations/define-operation.ts";
import { bulkDeleteUsersOperation } from "./user-bulk-delete-operation.ts";
import { exportUsersOperation } from "./user-export-operation.ts";
import { importUsersOperation } from "./user-import-operation.ts";

/** The operations of the bulk area in catalog order (the registry joins the areas' lists). */
export const bulkOperations: readonly Operation[] = [
  importUsersOperation,
  bulkDeleteUsersOperation,
  exportUsersOperation,
];
