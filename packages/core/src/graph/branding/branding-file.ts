/**
 * Checks a branding file before it is uploaded, with the limits Graph enforces (format by magic
 * bytes, size, dimensions from the PNG/JPEG header), so a bad file fails fast with a clear message
 * and nothing is sent: the same check serves one upload and a whole `branding_apply`.
 */
import type { BrandingStream } from "./branding-schema.ts";

/** What a branding file was found to be. */
export interface BrandingFileInfo {
  contentType: "image/png" | "image/jpeg" | "image/x-icon" | "text/css";
  sizeBytes: number;
  width?: number | undefined;
  height?: number | undefined;
}

interface Rule {
  formats: readonly BrandingFileInfo["contentType"][];
  maxBytes?: number;
  maxWidth?: number;
  maxHeight?: number;
}

const KB = 1024;
const IMAGE = ["image/png", "image/jpeg"] as const;

/** Graph's limits per stream (organizationalBranding docs; the background's "300 KB" read as a maximum). */
export const BRANDING_FILE_RULES: Readonly<Record<BrandingStream, Rule>> = {
  backgroundImage: { formats: IMAGE, maxBytes: 300 * KB, maxWidth: 1920, maxHeight: 1080 },
  bannerLogo: { formats: IMAGE, maxWidth: 245, maxHeight: 36 },
  headerLogo: { formats: IMAGE, maxWidth: 245, maxHeight: 36 },
  squareLogo: { formats: IMAGE, maxBytes: 10 * KB, maxWidth: 240, maxHeight: 240 },
  squareLogoDark: { formats: IMAGE, maxBytes: 10 * KB, maxWidth: 240, maxHeight: 240 },
  favicon: { formats: [...IMAGE, "image/x-icon"] },
  customCSS: { formats: ["text/css"], maxBytes: 25 * KB },
};

/**
 * The largest branding file of any stream (the background image's 300 KB): the bound of a file read
 * from a path and of the inline `contentBase64`, before the stream's own rule applies.
 */
export const BRANDING_MAX_BYTES = Math.max(
  ...Object.values(BRANDING_FILE_RULES).map((rule) => rule.maxBytes ?? 0),
);

function sniff(bytes: Uint8Array): Omit<BrandingFileInfo, "sizeBytes"> | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 24 && png.every((b, i) => bytes[i] === b)) {
    return { contentType: "image/png", width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    // The first start-of-frame segment holds height and width (ITU T.81 B.2.2).
    let at = 2;
    while (at + 9 <= bytes.length && bytes[at] === 0xff) {
      const marker = bytes[at + 1] as number;
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
        return { contentType: "image/jpeg", height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
      }
      at += 2 + view.getUint16(at + 2);
    }
    return undefined;
  }
  if (bytes.length >= 22 && view.getUint32(0) === 0x00000100) {
    return { contentType: "image/x-icon", width: bytes[6] || 256, height: bytes[7] || 256 };
  }
  return undefined;
}

/**
 * The problems of a file for a stream (empty when it is fine) and what it is. CSS is any UTF-8 text;
 * images must really be PNG or JPEG (ICO also for the favicon), within the stream's size and pixels.
 */
export function checkBrandingFile(
  stream: BrandingStream,
  bytes: Uint8Array,
): { info: BrandingFileInfo | undefined; problems: string[] } {
  const rule = BRANDING_FILE_RULES[stream];
  const problems: string[] = [];
  if (bytes.length === 0) return { info: undefined, problems: [`${stream}: the file is empty`] };
  if (rule.maxBytes !== undefined && bytes.length > rule.maxBytes) {
    problems.push(`${stream}: ${bytes.length} bytes, the maximum is ${rule.maxBytes}`);
  }
  if (stream === "customCSS") {
    let text: string | undefined;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      text = undefined;
    }
    if (text === undefined || text.includes("\u0000")) problems.push(`${stream}: the file is not UTF-8 text`);
    return { info: { contentType: "text/css", sizeBytes: bytes.length }, problems };
  }
  const found = sniff(bytes);
  if (found === undefined || !rule.formats.includes(found.contentType)) {
    problems.push(
      `${stream}: not a ${rule.formats.map((f) => f.replace("image/", "").toUpperCase()).join(" or ")} image`,
    );
    return { info: undefined, problems };
  }
  const { width = 0, height = 0 } = found;
  if (
    (rule.maxWidth !== undefined && width > rule.maxWidth) ||
    (rule.maxHeight !== undefined && height > rule.maxHeight)
  ) {
    problems.push(`${stream}: ${width}×${height} px, the maximum is ${rule.maxWidth}×${rule.maxHeight} px`);
  }
  return { info: { ...found, sizeBytes: bytes.length }, problems };
}
