/**
 * `--files-dir`: the one directory whose files tools may read and write. A tool input naming a file is
 * a name relative to it, resolved and checked before the operation sees it: no absolute path, no `..`,
 * no control character, and no link that leads out of the directory (the real path is checked, and
 * a file to write must not be a link at all). Without the directory, no tool takes a path.
 */
import { lstatSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, sep } from "node:path";
import type { HostPathAccess } from "@ciamkit/core";

/** The real path of the directory named by `--files-dir`; throws a one-line reason when it is not one. */
export function openFilesDir(dir: string): string {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    throw new Error(`--files-dir ${dir} does not exist; create it or name another directory`);
  }
  if (!statSync(real).isDirectory()) throw new Error(`--files-dir ${dir} is not a directory`);
  return real;
}

/** A name resolved inside the directory (the path handed to the operation), or why it is refused. */
export type Resolved = { path: string } | { problem: string };

/**
 * Resolves a name a tool was given inside `root` (a real path from {@link openFilesDir}). A file to
 * read must exist there; a file to write must be in an existing folder there and not be a link.
 */
export function resolveInFilesDir(root: string, name: string, access: HostPathAccess): Resolved {
  if ([...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    return { problem: "contains a control character" };
  if (isAbsolute(name) || /^[A-Za-z]:|^[\\/~]/.test(name))
    return { problem: "is not relative to the files directory" };
  if (name.split(/[\\/]/).includes("..")) return { problem: "leaves the files directory ('..')" };
  const target = join(root, name);
  if (!inside(root, target) || target === root) return { problem: "names no file in the files directory" };
  if (access === "read") {
    let real: string;
    try {
      real = realpathSync(target);
    } catch {
      return { problem: "is not in the files directory" };
    }
    if (!inside(root, real)) return { problem: "is a link that leads out of the files directory" };
    if (!statSync(real).isFile()) return { problem: "is not a file" };
    return { path: real };
  }
  let folder: string;
  try {
    folder = realpathSync(dirname(target));
  } catch {
    return { problem: "is in a folder the files directory does not have" };
  }
  if (!inside(root, folder)) return { problem: "is in a link that leads out of the files directory" };
  const path = join(folder, basename(target));
  try {
    const info = lstatSync(path);
    // Writing through a link would write wherever it points: a file to write is a plain file or new.
    if (info.isSymbolicLink()) return { problem: "is a link; ciam-mcp does not write through links" };
    if (!info.isFile()) return { problem: "is not a file" };
  } catch {
    // Not there yet: it will be created in a folder that is inside.
  }
  return { path };
}

function inside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}
