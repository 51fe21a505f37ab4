import { existsSync, statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { z } from "zod";
import { InputError } from "../../input-error.ts";
import { defineOperation } from "../../operations/define-operation.ts";
import { hostPath } from "../../operations/host-paths.ts";
import { profileNameSchema } from "../../profiles/profile-schema.ts";
import { INVENTORY_PERMISSIONS, inventoryB2cTenant } from "./inventory-b2c.ts";
import { inventoryMarkdown } from "./inventory-markdown.ts";
import { inventorySchema } from "./inventory-schema.ts";
import { openMigrationProfile } from "./migration-profile.ts";

/** `migration_inventory`: what a B2C tenant holds and how each part moves to External ID. */
export const inventoryOperation = defineOperation({
  name: "migration_inventory",
  area: "migration",
  title: "Inventory a B2C tenant for migration",
  description:
    "Reads a B2C tenant: users by sign-in type, custom attributes and their use, providers, custom policies, apps, and what External ID lacks.",
  access: "read",
  permissions: INVENTORY_PERMISSIONS,
  input: z.object({
    from: profileNameSchema.optional().describe("B2C tenant's profile; default: this one."),
    report: hostPath("write", "Also write it as a Markdown report to this file.").optional(),
  }),
  output: inventorySchema,
  run: async (ctx, input) => {
    if (input.report !== undefined && !existsSync(dirname(input.report)))
      throw new InputError(`report: the folder of ${input.report} does not exist.`);
    if (input.report !== undefined && existsSync(input.report) && !statSync(input.report).isFile())
      throw new InputError(`report: ${input.report} is not a file.`);
    const source = input.from === undefined ? undefined : openMigrationProfile("from", input.from);
    try {
      const inventory = await inventoryB2cTenant(source?.client ?? ctx, { signal: ctx.signal });
      if (input.report !== undefined) await writeFile(input.report, `${inventoryMarkdown(inventory)}\n`);
      return inventory;
    } finally {
      await source?.close();
    }
  },
});
