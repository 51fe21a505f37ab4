/**
 * Branding images and CSS as files beside `branding.yaml`: a branding's `files` maps each stream
 * (`bannerLogo`, `customCSS`, …) to a path relative to the spec folder, and the bytes travel beside
 * the spec, keyed by that path (the library's `files`, the CLI's folder, MCP's base64). Plans compare
 * them by content hash and show size and hash, never bytes.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { checkBrandingFile } from "../graph/branding/branding-file.ts";
import { BRANDING_STREAMS, type BrandingStream } from "../graph/branding/branding-schema.ts";
import type { FieldChange } from "./plan-types.ts";
import { problemAt, type SpecLocator, type SpecProblem } from "./spec-error.ts";

/** Files of a spec beside its YAML, by path relative to the spec folder (`branding/default/favicon.png`). */
export type SpecFiles = Readonly<Record<string, Uint8Array>>;

/** A path inside the spec folder: relative, `/`-separated, no `..`, no drive or backslash. */
export const specFilePathSchema = z
  .string()
  .min(1)
  .max(260)
  .refine(
    (p) =>
      !p.startsWith("/") &&
      !/^[A-Za-z]:/.test(p) &&
      !p.includes("\\") &&
      p.split("/").every((part) => part !== "" && part !== "." && part !== ".."),
    "a path inside the spec folder: relative, with / and without .. (branding/default/bannerLogo.png)",
  );

/** A branding's files: each stream's file, by path relative to the spec folder. */
export const brandingFilesSchema = z
  .partialRecord(z.enum(BRANDING_STREAMS), specFilePathSchema)
  .describe("Images and custom CSS by stream: paths relative to the spec folder.");

/** The file name extension of a branding file's media type. */
const EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/x-icon": "ico",
  "text/css": "css",
};

/** Where export writes a branding's file: `branding/<default|culture>/<stream>.<ext>`. */
export function brandingFilePath(key: string, stream: BrandingStream, contentType: string): string {
  const ext = EXTENSIONS[contentType.toLowerCase()] ?? (stream === "customCSS" ? "css" : "bin");
  return `branding/${key}/${stream}.${ext}`;
}

/** How a plan shows a file: its size and content hash (the bytes never). */
export function fileDigest(bytes: Uint8Array): string {
  const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 32);
  return `${bytes.length} bytes, sha256 ${hash}`;
}

type BrandingItems = Readonly<
  Record<string, { files?: Partial<Record<BrandingStream, string>> | undefined }>
>;

/**
 * The problems of a spec's branding files: a path the files do not hold, and bytes the stream does not
 * take (format, size, pixels; the checks `branding_apply` makes), each placed at its `files` entry.
 */
export function brandingFileProblems(
  branding: BrandingItems | undefined,
  files: SpecFiles,
  locate: SpecLocator | undefined,
  missing = "no such file in the spec folder",
): SpecProblem[] {
  const problems: SpecProblem[] = [];
  for (const [key, item] of Object.entries(branding ?? {})) {
    for (const [stream, path] of Object.entries(item.files ?? {}) as [BrandingStream, string][]) {
      const at = ["branding", key, "files", stream];
      const bytes = files[path];
      if (bytes === undefined) {
        problems.push(problemAt(locate, at, `${path}: ${missing}`));
        continue;
      }
      for (const problem of checkBrandingFile(stream, bytes).problems)
        problems.push(problemAt(locate, at, `${path}: ${problem.replace(`${stream}: `, "")}`));
    }
  }
  return problems;
}

/** The spec with each branding file's path replaced by its digest: what a plan compares with the tenant. */
export function withFileDigests<S extends { branding?: BrandingItems | undefined }>(
  spec: S,
  files: SpecFiles,
  prune: boolean,
): S {
  if (spec.branding === undefined) return spec;
  const branding = Object.fromEntries(
    Object.entries(spec.branding).map(([key, item]) => {
      // With prune, a branding states its files: those it lacks are removed.
      if (item.files === undefined) return [key, prune ? { ...item, files: {} } : item];
      const digests = Object.fromEntries(
        Object.entries(item.files).map(([stream, path]) => {
          const bytes = files[path as string];
          return [stream, bytes === undefined ? path : fileDigest(bytes)];
        }),
      );
      return [key, { ...item, files: digests }];
    }),
  );
  return { ...spec, branding };
}

/**
 * A branding change's `files` field as one field per stream (`files.bannerLogo`: digest before →
 * after; no after: the file is removed), so a plan lists each file.
 */
export function fileFields(fields: readonly FieldChange[]): FieldChange[] {
  return fields.flatMap((f) => {
    if (f.field !== "files") return [f];
    const before = (f.before ?? {}) as Record<string, string>;
    const after = (f.after ?? {}) as Record<string, string>;
    return [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .sort()
      .filter((stream) => before[stream] !== after[stream])
      .map((stream) => ({
        field: `files.${stream}`,
        ...(before[stream] === undefined ? {} : { before: before[stream] }),
        ...(after[stream] === undefined ? {} : { after: after[stream] }),
      }));
  });
}

/** The files a spec's branding references, and only those. */
export function referencedFiles(branding: BrandingItems | undefined, files: SpecFiles): SpecFiles {
  const out: Record<string, Uint8Array> = {};
  for (const item of Object.values(branding ?? {}))
    for (const path of Object.values(item.files ?? {}) as string[]) {
      const bytes = files[path];
      if (bytes !== undefined) out[path] = bytes;
    }
  return out;
}
