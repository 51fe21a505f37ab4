import { open } from "node:fs/promises";
import { InvalidInputError } from "./run-operation.ts";

/** Where a file given as a host path is read for, and how large it may be. */
export interface HostFileLimits {
  /** The operation, for the error (`branding_image_set`). */
  operation: string;
  /** The input field, for the message (`file`, `default.files.favicon.file`). */
  field: string;
  /** The most bytes accepted: the same bound as the field's inline (base64 or text) form. */
  maxBytes: number;
}

/**
 * Reads a file named by a host path input. Refuses what is not a regular file, or is larger than the
 * inline form of the same input may be, before reading it. The {@link InvalidInputError} has one issue
 * (`file: cannot read x.png (ENOENT)`), which names the file and never quotes what is in it.
 */
export async function readHostFile(path: string, limits: HostFileLimits): Promise<Buffer> {
  const refuse = (problem: string) =>
    new InvalidInputError(limits.operation, [`${limits.field}: ${problem}`]);
  const tooLarge = (size: number) => refuse(`${path} has ${size} bytes, the most is ${limits.maxBytes}`);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, "r");
    const info = await handle.stat();
    if (!info.isFile()) throw refuse(`${path} is not a file`);
    if (info.size > limits.maxBytes) throw tooLarge(info.size);
    const bytes = await handle.readFile();
    // It grew between the check and the read: the same answer.
    if (bytes.length > limits.maxBytes) throw tooLarge(bytes.length);
    return bytes;
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw refuse(code === "EISDIR" ? `${path} is not a file` : `cannot read ${path} (${code})`);
  } finally {
    await handle?.close();
  }
}

/** The longest base64 text of at most `maxBytes` bytes: the bound of an inline form of a file. */
export function base64Length(maxBytes: number): number {
  return 4 * Math.ceil(maxBytes / 3);
}
