/**
 * Company branding as a managed kind: the default branding under `default` and each localization
 * under its culture, with the texts, colours and layout they set (null properties left out; a
 * localization states only what it overrides). Written through the branding area's client and mapping.
 */

import {
  createLocalization,
  deleteBranding,
  deleteLocalization,
  updateBranding,
  updateLocalization,
} from "../graph/branding/branding-client.ts";
import { brandingMapping } from "../graph/branding/branding-mapping.ts";
import type { Branding, BrandingStream } from "../graph/branding/branding-schema.ts";
import { brandingPropertiesShape } from "../graph/branding/branding-schema.ts";
import type { ServiceClient } from "../http/service-client.ts";
import { liveFileDigests, type StoredFile } from "./branding-file-steps.ts";
import type { BrandingSpec } from "./spec-schema.ts";

/** The spec key of the default branding (Graph's id `0`). */
export const DEFAULT_BRANDING = "default";

const PROPERTIES = Object.keys(brandingPropertiesShape) as (keyof BrandingSpec)[];

/** Without null and undefined values, at any depth; `undefined` when nothing is left of an object. */
function present(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value;
  if (typeof value === "object") {
    const entries = Object.entries(value).flatMap(([k, v]) => {
      const kept = present(v);
      return kept === undefined ? [] : [[k, kept] as const];
    });
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value;
}

/** A stored branding as a spec: its key, the properties it sets and its files' digests. */
export function brandingSpec(
  branding: Branding,
  files?: Partial<Record<BrandingStream, StoredFile>>,
): { key: string; spec: BrandingSpec } {
  const spec: Record<string, unknown> = {};
  for (const key of PROPERTIES) {
    const value = present(branding[key as keyof Branding]);
    if (value !== undefined) spec[key] = value;
  }
  const digests = liveFileDigests(files);
  if (digests !== undefined) spec.files = digests;
  return { key: branding.id === "0" ? DEFAULT_BRANDING : branding.id, spec: spec as BrandingSpec };
}

/** Creates or updates the branding `key` with the given properties (all of them on create). */
export async function writeBranding(
  graph: ServiceClient,
  orgId: string,
  key: string,
  properties: BrandingSpec,
  create: boolean,
  signal?: AbortSignal,
): Promise<void> {
  const options = { signal };
  // PATCH creates the default branding when the tenant has none (Graph's documented way).
  if (key === DEFAULT_BRANDING)
    await updateBranding(graph, orgId, brandingMapping.toGraphPatch(properties), options);
  else if (create)
    await createLocalization(
      graph,
      orgId,
      brandingMapping.toGraphCreate({ ...properties, locale: key }),
      options,
    );
  else await updateLocalization(graph, orgId, key, brandingMapping.toGraphPatch(properties), options);
}

/** Deletes a localization, or the default branding (with its localizations). */
export function removeBranding(
  graph: ServiceClient,
  orgId: string,
  key: string,
  signal?: AbortSignal,
): Promise<void> {
  return key === DEFAULT_BRANDING
    ? deleteBranding(graph, orgId, { signal })
    : deleteLocalization(graph, orgId, key, { signal });
}
