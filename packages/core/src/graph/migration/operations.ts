import type { Operation } from "../../operations/define-operation.ts";
import { migrateUsersOperation } from "./migrate-users-operation.ts";

/** The operations of the migration area in catalog order (the registry joins the areas' lists). */
export const migrationOperations: readonly Operation[] = [migrateUsersOperation];
