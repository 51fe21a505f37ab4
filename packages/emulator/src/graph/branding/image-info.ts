/**
 * What an uploaded branding file really is, read from its bytes rather than trusted from its
 * `Content-Type`: PNG and JPEG (the formats Graph's branding pages allow) with their pixel
 * dimensions, and ICO for favicons.
 */

/** The format and size of an image. */
export interface ImageInfo {
  format: "png" | "jpeg" | "ico";
  width: number;
  height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Reads the format and dimensions, or `undefined` when the bytes are none of PNG, JPEG or ICO. */
export function imageInfo(bytes: Buffer): ImageInfo | undefined {
  if (bytes.length >= 24 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    // The first chunk is IHDR: width and height as big-endian 32-bit integers (PNG spec 11.2.2).
    if (bytes.toString("latin1", 12, 16) !== "IHDR") return undefined;
    return { format: "png", width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return jpegInfo(bytes);
  if (bytes.length >= 22 && bytes.readUInt32BE(0) === 0x00000100 && bytes.readUInt16LE(4) > 0) {
    // ICONDIR then the first ICONDIRENTRY: a width or height byte of 0 means 256.
    return { format: "ico", width: bytes[6] || 256, height: bytes[7] || 256 };
  }
  return undefined;
}

// Walks the JPEG marker segments to the first start-of-frame (SOF0–SOF15 except DHT, JPG, DAC),
// whose payload holds precision, height and width (ITU T.81 B.2.2).
function jpegInfo(bytes: Buffer): ImageInfo | undefined {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] as number;
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined;
    const length = bytes.readUInt16BE(at + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) {
      if (at + 9 > bytes.length) return undefined;
      return { format: "jpeg", height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    }
    at += 2 + length;
  }
  return undefined;
}
