import { chmodSync, fchmodSync, fstatSync, mkdirSync, statSync } from "node:fs";

/** Where a data directory's warnings go (a mode that could not be tightened). */
export type WarningSink = (message: string) => void;

/** The default sink: a Node warning on stderr (never stdout, which may carry a protocol). */
export const emitWarning: WarningSink = (message) => process.emitWarning(message);

const isWindows = process.platform === "win32";

/**
 * Creates the data directory owner-only (0700), and tightens an existing one that is wider: it holds
 * customers' data and password hashes. Where the mode cannot be changed (another owner), it warns.
 */
export function ensurePrivateDir(dir: string, warn: WarningSink): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (isWindows) return;
  const mode = statSync(dir).mode & 0o777;
  if ((mode & 0o077) === 0) return;
  try {
    chmodSync(dir, 0o700);
  } catch (error) {
    warn(
      `${dir} is readable by other users (mode ${mode.toString(8)}) and could not be made owner-only: ${(error as Error).message}`,
    );
  }
}

/** Makes an open file owner-only (0600) when it is wider, or warns. */
export function tightenOpenFile(fd: number, path: string, warn: WarningSink): void {
  if (isWindows) return;
  const mode = fstatSync(fd).mode & 0o777;
  if ((mode & 0o077) === 0) return;
  try {
    fchmodSync(fd, 0o600);
  } catch (error) {
    warn(
      `${path} is readable by other users (mode ${mode.toString(8)}) and could not be made owner-only: ${(error as Error).message}`,
    );
  }
}
