import type { Operation } from "../../operations/define-operation.ts";
import { inventoryOperation } from "./inventory-operation.ts";
import { jitSetupOperation } from "./jit-setup-operation.ts";
import { migrateUsersOperation } from "./migrate-users-operation.ts";
import { migrationStatusOperation } from "./migration-status.ts";

/** The operations of the migration area in catalog order (the registry joins the areas' lists). */
export const migrationOperations: readonly Operation[] = [
  inventoryOperation,
  migrateUsersOperation,
  jitSetupOperation,
  migrationStatusOperation,
];
