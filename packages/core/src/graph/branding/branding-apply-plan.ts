/**
 * The pure half of `branding_apply`: the spec of one branding (texts, colours, layout, files), loading
 * and checking every file before anything is sent (the properties that differ: branding-mapping.ts).
 */
import { z } from "zod";
import { base64Length, readHostFile } from "../../operations/host-file.ts";
import { hostPath } from "../../operations/host-paths.ts";
import { InvalidInputError } from "../../operations/run-operation.ts";
import {
  BRANDING_FILE_RULES,
  BRANDING_MAX_BYTES,
  type BrandingFileInfo,
  checkBrandingFile,
} from "./branding-file.ts";
import { BRANDING_STREAMS, type BrandingStream, brandingPropertiesShape } from "./branding-schema.ts";

/** The fields of a branding file: a path on the host, base64 bytes, or (CSS) text; bounded like a file. */
export const brandingFileSpecShape = {
  file: hostPath("read", "Path of the file.").optional(),
  contentBase64: z
    .string()
    .max(base64Length(BRANDING_MAX_BYTES))
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, "base64")
    .optional()
    .describe("The bytes, base64."),
  text: z
    .string()
    .max(BRANDING_FILE_RULES.customCSS.maxBytes ?? 0)
    .optional()
    .describe("CSS text (customCSS only)."),
};

/** A branding file given as a path, base64 bytes, or (CSS) text. */
export const brandingFileSpecSchema = z
  .object(brandingFileSpecShape)
  .refine(
    (v) => [v.file, v.contentBase64, v.text].filter((x) => x !== undefined).length === 1,
    "give exactly one of file, contentBase64, text",
  );

/** One branding as a spec: the properties to set and the files to upload, by stream. */
export const brandingSpecShape = {
  ...brandingPropertiesShape,
  files: z
    .partialRecord(z.enum(BRANDING_STREAMS), brandingFileSpecSchema)
    .optional()
    .describe("By stream; limits as in branding_image_set."),
};

/** A file ready to upload: its bytes and what it was found to be. */
export interface LoadedFile {
  stream: BrandingStream;
  bytes: Uint8Array;
  info: BrandingFileInfo;
}

type FileSpec = z.output<typeof brandingFileSpecSchema>;

/** The bytes of a file given inline (base64 or text). */
export function brandingFileBytes(spec: Pick<FileSpec, "contentBase64" | "text">): Uint8Array {
  if (spec.contentBase64 !== undefined) return new Uint8Array(Buffer.from(spec.contentBase64, "base64"));
  return new TextEncoder().encode(spec.text ?? "");
}

/**
 * Reads and checks the files of one branding. Problems are returned (prefixed with `where`), never
 * thrown, so that every file of every locale is checked before the caller decides to send anything.
 */
export async function loadFiles(
  operation: string,
  where: string,
  files: Partial<Record<BrandingStream, FileSpec>> | undefined,
): Promise<{ files: LoadedFile[]; problems: string[] }> {
  const out: LoadedFile[] = [];
  const problems: string[] = [];
  for (const stream of BRANDING_STREAMS) {
    const spec = files?.[stream];
    if (spec === undefined) continue;
    if (spec.text !== undefined && stream !== "customCSS") {
      problems.push(`${where}.files.${stream}: text is for customCSS only`);
      continue;
    }
    let bytes: Uint8Array;
    if (spec.file !== undefined) {
      const field = `${where}.files.${stream}`;
      try {
        bytes = new Uint8Array(
          await readHostFile(spec.file, { operation, field, maxBytes: BRANDING_MAX_BYTES }),
        );
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        problems.push(...error.issues);
        continue;
      }
    } else bytes = brandingFileBytes(spec);
    const checked = checkBrandingFile(stream, bytes);
    if (checked.info === undefined || checked.problems.length > 0) {
      problems.push(...checked.problems.map((p) => `${where}.files.${p}`));
      continue;
    }
    out.push({ stream, bytes, info: checked.info });
  }
  return { files: out, problems };
}

/** Whether two byte arrays hold the same bytes. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a).equals(Buffer.from(b));
}

/** One branding spec, parsed. */
export type BrandingSpec = z.output<z.ZodObject<typeof brandingSpecShape>>;
