/**
 * `exportTenant`: the tenant's configuration as a spec, deterministic (keys and unordered lists
 * sorted), secrets only as `${env:NAME}` placeholders.
 */
import type { ServiceClient } from "../http/service-client.ts";
import { InputError } from "../input-error.ts";
import { exportBrandingFiles } from "./branding-file-steps.ts";
import { duplicates, liveAsSpec, liveSpec } from "./live-spec.ts";
import { specFiles } from "./spec-files.ts";
import { KINDS, type Kind, type TenantSpec } from "./spec-schema.ts";
import { readTenantState } from "./tenant-state.ts";

/**
 * What an export gives: the spec, and the same spec as files by path: each kind's YAML (text) and the
 * branding images and CSS beside `branding.yaml` (bytes, `branding/<default|culture>/<stream>.<ext>`).
 */
export interface TenantExport {
  spec: TenantSpec;
  files: Record<string, string | Uint8Array>;
}

/** Options of {@link exportTenant}. */
export interface ExportOptions {
  /** The kinds to export (default: every managed kind). */
  kinds?: readonly Kind[] | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Reads the tenant and returns its configuration as a spec. Two objects of a kind under one name
 * cannot be told apart in a spec: that is an error naming both ids.
 */
export async function exportTenant(
  client: { graph: ServiceClient; tenantId: string },
  options: ExportOptions = {},
): Promise<TenantExport> {
  const kinds = options.kinds ?? KINDS;
  const state = await readTenantState(client, options.signal);
  const live = liveSpec(state);
  const clashes = kinds.flatMap((kind) => duplicates(live, kind));
  if (clashes.length > 0)
    throw new InputError(
      `Names must be unique to be exported; rename or delete one of each: ${clashes.join("; ")}`,
    );
  const { spec, files } = exportBrandingFiles(liveAsSpec(live, kinds), state.brandingFiles);
  return { spec, files: { ...specFiles(spec), ...files } };
}
