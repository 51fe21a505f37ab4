/**
 * The tenant side of branding files: reading each branding's uploaded images and CSS (only the streams
 * whose `…RelativeUrl` says one was uploaded), writing them as files beside `branding.yaml` on export,
 * and uploading or removing them when apply runs a branding's change, after the branding itself.
 */
import { getBrandingFile, removeBrandingFile, setBrandingFile } from "../graph/branding/branding-client.ts";
import { checkBrandingFile } from "../graph/branding/branding-file.ts";
import { BRANDING_STREAMS, type Branding, type BrandingStream } from "../graph/branding/branding-schema.ts";
import type { ServiceClient } from "../http/service-client.ts";
import { brandingFilePath, fileDigest, type SpecFiles } from "./branding-files.ts";
import type { PlannedChange } from "./plan-types.ts";
import type { TenantSpec } from "./spec-schema.ts";
import { item, type StepContext } from "./step-context.ts";

/** One uploaded file of a branding. */
export interface StoredFile {
  bytes: Uint8Array;
  contentType: string;
}

/** Each branding's uploaded files, by Graph id (`0`, `fr-FR`), then stream. */
export type BrandingFilesState = Map<string, Partial<Record<BrandingStream, StoredFile>>>;

/** Reads the files every branding has uploaded (a stream without a relative URL has none: not read). */
export async function readBrandingFiles(
  graph: ServiceClient,
  orgId: string,
  branding: readonly Branding[],
  signal?: AbortSignal,
): Promise<BrandingFilesState> {
  const out: BrandingFilesState = new Map();
  for (const b of branding) {
    const files: Partial<Record<BrandingStream, StoredFile>> = {};
    for (const stream of BRANDING_STREAMS) {
      if (b[`${stream}RelativeUrl`] == null) continue;
      const file = await getBrandingFile(graph, orgId, b.id, stream, { signal });
      if (file !== undefined) files[stream] = file;
    }
    if (Object.keys(files).length > 0) out.set(b.id, files);
  }
  return out;
}

/** A branding's uploaded files as a live spec states them: each stream's digest. */
export function liveFileDigests(
  files: Partial<Record<BrandingStream, StoredFile>> | undefined,
): Partial<Record<BrandingStream, string>> | undefined {
  if (files === undefined) return undefined;
  return Object.fromEntries(Object.entries(files).map(([stream, f]) => [stream, fileDigest(f.bytes)]));
}

/**
 * The exported spec with each branding's files as paths beside `branding.yaml`, and those files' bytes
 * by path (`branding/default/bannerLogo.png`).
 */
export function exportBrandingFiles(
  spec: TenantSpec,
  state: BrandingFilesState,
): { spec: TenantSpec; files: Record<string, Uint8Array> } {
  if (spec.branding === undefined) return { spec, files: {} };
  const files: Record<string, Uint8Array> = {};
  const branding = Object.fromEntries(
    Object.entries(spec.branding).map(([key, b]) => {
      const stored = state.get(key === "default" ? "0" : key);
      if (stored === undefined) return [key, b];
      const paths: Partial<Record<BrandingStream, string>> = {};
      for (const stream of BRANDING_STREAMS) {
        const file = stored[stream];
        if (file === undefined) continue;
        const path = brandingFilePath(key, stream, file.contentType);
        paths[stream] = path;
        files[path] = file.bytes;
      }
      return [key, { ...b, files: paths }];
    }),
  );
  return { spec: { ...spec, branding }, files };
}

/**
 * Uploads the files a branding change adds or changes and removes those it drops (`files.<stream>`
 * fields), once the branding exists: run right after the branding's own write.
 */
export async function syncBrandingFiles(ctx: StepContext, change: PlannedChange): Promise<void> {
  const b = item(ctx, "branding", change.name);
  const locale = change.name === "default" ? "0" : change.name;
  for (const field of change.fields) {
    if (!field.field.startsWith("files.")) continue;
    const stream = field.field.slice("files.".length) as BrandingStream;
    const path = b.files?.[stream];
    const options = { signal: ctx.signal };
    if (path === undefined) {
      await removeBrandingFile(ctx.graph, ctx.organizationId, locale, stream, options);
      continue;
    }
    const bytes = ctx.files[path];
    if (bytes === undefined) throw new Error(`the plan has no bytes for ${path}`);
    const { info } = checkBrandingFile(stream, bytes);
    const contentType = info?.contentType ?? "application/octet-stream";
    await setBrandingFile(ctx.graph, ctx.organizationId, locale, stream, bytes, contentType, options);
  }
}

/** `files` as bytes: text (a CSS file given as a string) encoded as UTF-8. */
export function filesAsBytes(
  files: Readonly<Record<string, Uint8Array | string>> | undefined,
): Record<string, Uint8Array> {
  return Object.fromEntries(
    Object.entries(files ?? {}).map(([path, f]) => [
      path,
      typeof f === "string" ? new TextEncoder().encode(f) : f,
    ]),
  );
}

export type { SpecFiles };
