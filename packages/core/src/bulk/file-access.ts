/**
 * The files of a bulk run: inputs checked before anything starts (a missing path or a directory is an
 * input error at once, never a read that waits forever), outputs checked for a directory to land in,
 * and every file the engine writes created owner-only (0600): they hold customers' names and e-mails.
 * Errors name the file, never its content.
 */
import { closeSync, fchmodSync, openSync, type Stats, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { InvalidInputError } from "../operations/run-operation.ts";

/** The mode of every file a bulk run creates: read and write for the owner only. */
export const OWNER_ONLY = 0o600;

function statOf(path: string): Stats | "missing" | "unreadable" {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT" || code === "ENOTDIR" ? "missing" : "unreadable";
  }
}

/**
 * Refuses an input path that does not exist, is not a regular file (a directory, a pipe: the run reads
 * its input more than once) or cannot be read. `field` names the input (`file`, `mapping`).
 */
export function checkInputFile(operation: string, field: string, path: string, maxBytes?: number): void {
  const stat = statOf(path);
  const problem =
    stat === "missing"
      ? "does not exist"
      : stat === "unreadable"
        ? "cannot be read (check its permissions)"
        : stat.isDirectory()
          ? "is a directory, not a file"
          : !stat.isFile()
            ? "is not a regular file (the run reads it more than once)"
            : maxBytes !== undefined && stat.size > maxBytes
              ? `is larger than ${maxBytes} bytes`
              : undefined;
  if (problem === undefined) {
    try {
      closeSync(openSync(path, "r"));
    } catch {
      throw new InvalidInputError(operation, [`${field}: ${path} cannot be read (check its permissions)`]);
    }
    return;
  }
  throw new InvalidInputError(operation, [`${field}: ${path} ${problem}`]);
}

/** Refuses an output path whose directory does not exist, or that is a directory (or a device) itself. */
export function checkOutputFile(operation: string, field: string, path: string): void {
  const parent = statOf(dirname(path));
  if (parent === "missing" || (parent !== "unreadable" && !parent.isDirectory()))
    throw new InvalidInputError(operation, [
      `${field}: the directory of ${path} does not exist; create it first or choose another path`,
    ]);
  const target = statOf(path);
  if (target !== "missing" && target !== "unreadable" && !target.isFile())
    throw new InvalidInputError(operation, [
      `${field}: ${path} is ${target.isDirectory() ? "a directory" : "not a regular file"}; give the path of a file`,
    ]);
}

/**
 * Opens `path` (`w` truncates, `a` appends, `r+` updates) as an owner-only file: created with mode
 * 0600, and an existing file's mode is set to 0600 too, whatever the umask or an earlier run left.
 */
export function openOwnerOnly(path: string, flags: "w" | "a" | "r+"): number {
  const fd = openSync(path, flags, OWNER_ONLY);
  try {
    fchmodSync(fd, OWNER_ONLY);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  return fd;
}

/** Writes (or, with `a`, appends) `text` to an owner-only file. */
export function writeOwnerOnly(path: string, text: string, flags: "w" | "a" = "w"): void {
  const fd = openOwnerOnly(path, flags);
  try {
    writeFileSync(fd, text);
  } finally {
    closeSync(fd);
  }
}
