import { closeSync, openSync, writeSync } from "node:fs";
import { InputError } from "../../input-error.ts";

/**
 * Writes a private key to a new owner-only file (0600): `wx` refuses a file that exists (a key in use
 * is never overwritten) and creates it with that mode whatever the umask widens.
 */
export function writePrivateKeyOnce(path: string, pem: string): void {
  let fd: number;
  try {
    fd = openSync(path, "wx", 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new InputError(
      code === "EEXIST"
        ? `privateKeyOut: ${path} exists; a private key is never overwritten.`
        : `privateKeyOut: cannot create ${path} (${code}).`,
    );
  }
  try {
    writeSync(fd, pem);
  } finally {
    closeSync(fd);
  }
}
