// biome-ignore-all lint/suspicious/noTemplateCurlyInString: specs write ${env:NAME} placeholders
/**
 * The spec input the config operations share: a folder (CLI; a host path an MCP server never
 * offers) or the spec inline (MCP, `--input`), with values overlays of either kind.
 */
import { z } from "zod";
import { BRANDING_MAX_BYTES } from "../graph/branding/branding-file.ts";
import type { ServiceClient } from "../http/service-client.ts";
import { InputError } from "../input-error.ts";
import { base64Length } from "../operations/host-file.ts";
import { hostPath } from "../operations/host-paths.ts";
import { specFilePathSchema } from "./branding-files.ts";
import { checkSpec } from "./check-spec.ts";
import { loadSpecDir, mergeSpec } from "./load-spec.ts";
import { planTenant, type TenantPlan } from "./plan-tenant.ts";
import type { SpecLocator } from "./spec-error.ts";
import { KIND_FILES, type TenantSpec } from "./spec-schema.ts";

const specObject = z.record(z.string(), z.unknown());

/** The most bytes of files an inline spec or export carries (MCP messages; a folder has no such bound). */
export const INLINE_FILES_MAX_BYTES = 1024 * 1024;

/** Files given inline, base64 by path, within {@link INLINE_FILES_MAX_BYTES} in all. */
const inlineFilesSchema = z
  .record(
    specFilePathSchema,
    z
      .string()
      .max(base64Length(BRANDING_MAX_BYTES))
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, "base64"),
  )
  .refine(
    (files) => Object.values(files).reduce((n, f) => n + f.length, 0) <= base64Length(INLINE_FILES_MAX_BYTES),
    `more than ${INLINE_FILES_MAX_BYTES} bytes of files in all; apply a spec folder with the CLI (ciam config apply <dir>)`,
  );

/** The input fields naming the spec. */
export const specInputShape = {
  dir: hostPath("read", `Spec folder (${Object.values(KIND_FILES).join(", ")}).`).optional(),
  spec: specObject
    .optional()
    .describe(
      "The spec inline, by kind then name: { userFlows: { 'Sign up': {…} }, applications: {…}, … }; secrets as ${env:NAME}.",
    ),
  values: z
    // Each element optional: an MCP server without --files-dir leaves them out (ADR 0006).
    .array(hostPath("read", "A values file overlaid on the spec (repeatable, in order).").optional())
    .max(20)
    .optional(),
  overlays: z.array(specObject).max(20).optional().describe("Values overlaid on the inline spec, in order."),
  files: inlineFilesSchema
    .optional()
    .describe("With an inline spec: the files its branding names (images, CSS), by path, base64."),
  prune: z
    .boolean()
    .default(false)
    .describe("Also delete objects of the spec's kinds that it does not list."),
};

/** A spec read from the input, with where its values were written (files only). */
export interface SpecFromInput {
  spec: TenantSpec;
  locate?: SpecLocator | undefined;
  baseDir?: string | undefined;
  /** The files beside the spec, by relative path. */
  files?: Record<string, Uint8Array> | undefined;
}

/** Reads the spec the input names: exactly one of `dir` and `spec`. */
export function specFromInput(input: {
  dir?: string | undefined;
  spec?: Record<string, unknown> | undefined;
  values?: readonly (string | undefined)[] | undefined;
  overlays?: readonly Record<string, unknown>[] | undefined;
  files?: Readonly<Record<string, string>> | undefined;
}): SpecFromInput {
  if ((input.dir === undefined) === (input.spec === undefined))
    throw new InputError("Give the spec either as a folder (dir) or inline (spec), not both.");
  if (input.dir !== undefined) {
    if (input.overlays !== undefined || input.files !== undefined)
      throw new InputError(
        "overlays and files go with an inline spec; a folder takes values files and holds its own files.",
      );
    const values = (input.values ?? []).filter((v): v is string => v !== undefined);
    const loaded = loadSpecDir(input.dir, { values });
    return { spec: loaded.spec, locate: loaded.locate, baseDir: loaded.baseDir, files: loaded.files };
  }
  if (input.values !== undefined)
    throw new InputError("values files go with a folder; an inline spec takes overlays.");
  let raw: unknown = input.spec;
  for (const overlay of input.overlays ?? []) raw = mergeSpec(raw, overlay);
  const files = Object.fromEntries(
    Object.entries(input.files ?? {}).map(([path, b64]) => [
      path,
      new Uint8Array(Buffer.from(b64, "base64")),
    ]),
  );
  return { spec: checkSpec(raw), files };
}

/** Plans the spec the input names against the tenant: what config_plan shows and config_apply applies. */
export async function planSpecInput(
  ctx: { graph: ServiceClient; tenantId: string; signal?: AbortSignal | undefined },
  input: Parameters<typeof specFromInput>[0] & { prune?: boolean | undefined },
): Promise<{ plan: TenantPlan; source: SpecFromInput }> {
  const source = specFromInput(input);
  const plan = await planTenant(ctx, source.spec, {
    prune: input.prune,
    locate: source.locate,
    baseDir: source.baseDir,
    files: source.files,
    signal: ctx.signal,
  });
  return { plan, source };
}

/** Counts of a plan's changes by action. */
export const planCountsSchema = z.object({
  create: z.number().int(),
  update: z.number().int(),
  replace: z.number().int(),
  delete: z.number().int(),
});

/** The counts of `changes` by action. */
export function planCounts(changes: readonly { action: string }[]): z.infer<typeof planCountsSchema> {
  const count = (action: string) => changes.filter((c) => c.action === action).length;
  return {
    create: count("create"),
    update: count("update"),
    replace: count("replace"),
    delete: count("delete"),
  };
}
