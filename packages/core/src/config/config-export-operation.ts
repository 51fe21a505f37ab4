// biome-ignore-all lint/suspicious/noTemplateCurlyInString: specs write ${env:NAME} placeholders
import { z } from "zod";
import { defineOperation } from "../operations/define-operation.ts";
import { hostPath } from "../operations/host-paths.ts";
import { CONFIG_READ_PERMISSIONS } from "./config-plan-operation.ts";
import { exportTenant } from "./export-tenant.ts";
import { writeSpecFiles } from "./spec-files.ts";
import { KINDS } from "./spec-schema.ts";

/** `config_export`: the tenant's configuration as a spec (tenant as code). */
export const configExportOperation = defineOperation({
  name: "config_export",
  area: "config",
  title: "Export the tenant's configuration",
  description:
    "Reads flows, attributes, providers, apps, groups, branding, extensions and listeners (B2C: custom policies, key sets) as a spec by name (no ids; secrets as ${env:NAME}), deterministic; see config_plan.",
  access: "read",
  permissions: [...CONFIG_READ_PERMISSIONS],
  input: z.object({
    dir: hostPath("write", "Write one YAML file per kind into this folder.").optional(),
    kinds: z.array(z.enum(KINDS)).min(1).optional().describe("Default: every kind."),
  }),
  output: z.object({
    spec: z.record(z.string(), z.unknown()).optional().describe("By kind, then name (without dir)."),
    written: z.array(z.string()).optional().describe("The files written (with dir)."),
  }),
  positional: "dir",
  run: async (ctx, input) => {
    const exported = await exportTenant(ctx, { kinds: input.kinds, signal: ctx.signal });
    if (input.dir === undefined) return { spec: exported.spec };
    return { written: writeSpecFiles(input.dir, exported.spec) };
  },
});
