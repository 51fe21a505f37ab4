/**
 * The pure half of `branding_apply`: the spec of one branding (texts, colours, layout, files), loading
 * and checking every file before anything is sent (the properties that differ: branding-mapping.ts).
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { type BrandingFileInfo, checkBrandingFile } from "./branding-file.ts";
import { BRANDING_STREAMS, type BrandingStream, brandingPropertiesShape } from "./branding-schema.ts";

/** A branding file given as a path, base64 bytes, or (CSS) text. */
export const brandingFileSpecSchema = z
  .object({
    file: z.string().min(1).optional().describe("Path of the file."),
    contentBase64: z
      .string()
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, "base64")
      .optional(),
    text: z.string().optional().describe("CSS text (customCSS only)."),
  })
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

/**
 * Reads and checks the files of one branding. Problems are returned (prefixed with `where`), never
 * thrown, so that every file of every locale is checked before the caller decides to send anything.
 */
export async function loadFiles(
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
      try {
        bytes = new Uint8Array(await readFile(spec.file));
      } catch (error) {
        problems.push(
          `${where}.files.${stream}: cannot read ${spec.file} (${(error as NodeJS.ErrnoException).code ?? "error"})`,
        );
        continue;
      }
    } else if (spec.contentBase64 !== undefined) {
      bytes = new Uint8Array(Buffer.from(spec.contentBase64, "base64"));
    } else {
      bytes = new TextEncoder().encode(spec.text ?? "");
    }
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
