/**
 * The files a spec folder's YAML names beside it (branding images and CSS), read from that folder and
 * never from outside it: a path is relative and without `..` (the schema refuses others), and one
 * that leads out through a symbolic link is refused too, with its file and line.
 */
import { readFileSync, realpathSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { BRANDING_MAX_BYTES } from "../graph/branding/branding-file.ts";
import { problemAt, SpecError, type SpecLocator, type SpecProblem } from "./spec-error.ts";
import type { TenantSpec } from "./spec-schema.ts";

/** Reads the files `spec` names from `dir`, by relative path; throws a {@link SpecError} for each it cannot. */
export function readSpecDirFiles(
  dir: string,
  spec: TenantSpec,
  locate: SpecLocator | undefined,
): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const problems: SpecProblem[] = [];
  const root = realpathSync(dir);
  for (const [key, branding] of Object.entries(spec.branding ?? {})) {
    for (const [stream, path] of Object.entries(branding.files ?? {})) {
      if (path === undefined || files[path] !== undefined) continue;
      const at = ["branding", key, "files", stream];
      try {
        const real = realpathSync(join(root, path));
        const inside = relative(root, real);
        if (inside.startsWith(`..${sep}`) || inside === ".." || inside === "")
          throw Object.assign(new Error(), { code: "outside the spec folder" });
        const size = statSync(real).size;
        if (size > BRANDING_MAX_BYTES) {
          problems.push(problemAt(locate, at, `${path}: ${size} bytes, the most is ${BRANDING_MAX_BYTES}`));
          continue;
        }
        files[path] = new Uint8Array(readFileSync(real));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? "error";
        problems.push(problemAt(locate, at, `${path}: cannot read it (${code})`));
      }
    }
  }
  if (problems.length > 0) throw new SpecError(problems);
  return files;
}
