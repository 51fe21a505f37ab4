// The public names of the migration area (moving customers from Azure AD B2C to External ID); core's
// src/index.ts re-exports them all. The area's operations, in catalog order, are listed in ./operations.ts.

export type { InventorySource } from "./inventory-b2c.ts";
export { inventoryB2cTenant } from "./inventory-b2c.ts";
export { inventoryMarkdown } from "./inventory-markdown.ts";
export { inventoryOperation } from "./inventory-operation.ts";
export type { Inventory } from "./inventory-schema.ts";
export { jitSetupOperation } from "./jit-setup-operation.ts";
export type { MigrateUsersOptions, MigrationReport, MigrationTenant } from "./migrate-users.ts";
export { migrateUsers } from "./migrate-users.ts";
export { migrateUsersOperation } from "./migrate-users-operation.ts";
export { migrationStatusOperation } from "./migration-status.ts";
