// biome-ignore-all lint/suspicious/noTemplateCurlyInString: specs write ${env:NAME} placeholders
import { z } from "zod";
import { InputError } from "../input-error.ts";
import { defineOperation } from "../operations/define-operation.ts";
import { hostPath } from "../operations/host-paths.ts";
import { INLINE_FILES_MAX_BYTES } from "./config-input.ts";
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
    "Reads the tenant's configuration as a spec keyed by name (no ids; secrets as ${env:NAME}; B2C: custom policies, key sets); see config_plan.",
  access: "read",
  permissions: [...CONFIG_READ_PERMISSIONS],
  input: z.object({
    dir: hostPath("write", "Write one YAML file per kind into this folder.").optional(),
    kinds: z.array(z.enum(KINDS)).min(1).optional().describe("Default: every kind."),
  }),
  output: z.object({
    spec: z.record(z.string(), z.unknown()).optional().describe("By kind, then name (without dir)."),
    files: z
      .record(z.string(), z.string())
      .optional()
      .describe("Branding images and CSS its branding names, by path, base64 (without dir)."),
    written: z.array(z.string()).optional().describe("The files written (with dir)."),
  }),
  inlineFiles: "files",
  positional: "dir",
  run: async (ctx, input) => {
    const exported = await exportTenant(ctx, { kinds: input.kinds, signal: ctx.signal });
    const beside = Object.entries(exported.files).filter(
      (entry): entry is [string, Uint8Array] => typeof entry[1] !== "string",
    );
    if (input.dir !== undefined)
      return {
        written: writeSpecFiles(input.dir, exported.spec, Object.fromEntries(beside), exported.notes),
      };
    const size = beside.reduce((n, [, bytes]) => n + bytes.length, 0);
    if (size > INLINE_FILES_MAX_BYTES)
      throw new InputError(
        `The branding files total ${size} bytes, more than the ${INLINE_FILES_MAX_BYTES} an inline export carries; export into a folder with the CLI (ciam config export <dir>), or leave branding out (kinds).`,
      );
    if (beside.length === 0) return { spec: exported.spec };
    const files = Object.fromEntries(
      beside.map(([path, bytes]) => [path, Buffer.from(bytes).toString("base64")]),
    );
    return { spec: exported.spec, files };
  },
});
