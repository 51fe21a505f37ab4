/**
 * `exportTenant`: the tenant's configuration as a spec, deterministic (keys and unordered lists
 * sorted), secrets only as `${env:NAME}` placeholders.
 */
import type { ServiceClient } from "../http/service-client.ts";
import { InputError } from "../input-error.ts";
import { exportBrandingFiles } from "./branding-file-steps.ts";
import { unmanagedListeners } from "./listener-targets.ts";
import { duplicates, liveAsSpec, liveSpec } from "./live-spec.ts";
import { type SpecNotes, specFiles } from "./spec-files.ts";
import { KINDS, type Kind, type TenantSpec } from "./spec-schema.ts";
import { readTenantState } from "./tenant-state.ts";
import { isTrustFrameworkKind } from "./trust-framework-kind.ts";
import { policyIds } from "./trust-framework-state.ts";

/**
 * What an export gives: the spec, and the same spec as files by path: each kind's YAML (text) and the
 * branding images and CSS beside `branding.yaml` (bytes, `branding/<default|culture>/<stream>.<ext>`).
 */
export interface TenantExport {
  spec: TenantSpec;
  files: Record<string, string | Uint8Array>;
  /** What the tenant has of the exported kinds that is left out, and why (also comments in its file). */
  notes: SpecNotes;
}

/** Options of {@link exportTenant}. */
export interface ExportOptions {
  /** The kinds to export (default: every managed kind). */
  kinds?: readonly Kind[] | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * The kinds an export writes by default: an Azure AD B2C tenant's trust framework (its custom
 * policies and key sets), or every External ID kind of another tenant.
 */
async function defaultKinds(
  client: { graph: ServiceClient; graphBeta?: ServiceClient | undefined },
  signal?: AbortSignal,
): Promise<Kind[]> {
  const b2c = client.graphBeta !== undefined && (await policyIds(client.graphBeta, signal)) !== undefined;
  return KINDS.filter((kind) => isTrustFrameworkKind(kind) === b2c);
}

/**
 * Reads the tenant and returns its configuration as a spec. Two objects of a kind under one name
 * cannot be told apart in a spec: that is an error naming both ids.
 */
export async function exportTenant(
  client: { graph: ServiceClient; tenantId: string; graphBeta?: ServiceClient | undefined },
  options: ExportOptions = {},
): Promise<TenantExport> {
  const kinds = options.kinds ?? (await defaultKinds(client, options.signal));
  const state = await readTenantState(client, options.signal, [], kinds);
  if (kinds.some(isTrustFrameworkKind) && state.trustFramework === undefined)
    throw new InputError(
      "This tenant is not an Azure AD B2C tenant: it has no trust framework (custom policies, policy keys) to export; leave trustFrameworkKeySets and trustFrameworkPolicies out of kinds.",
    );
  const live = liveSpec(state);
  const clashes = kinds.flatMap((kind) => duplicates(live, kind));
  if (clashes.length > 0)
    throw new InputError(
      `Names must be unique to be exported; rename or delete one of each: ${clashes.join("; ")}`,
    );
  const { spec, files } = exportBrandingFiles(liveAsSpec(live, kinds), state.brandingFiles);
  const unmanaged = kinds.includes("eventListeners")
    ? unmanagedListeners(state.listeners, live.refs.appName)
    : [];
  const notes: SpecNotes = unmanaged.length === 0 ? {} : { eventListeners: unmanaged };
  return { spec, files: { ...specFiles(spec, notes), ...files }, notes };
}
