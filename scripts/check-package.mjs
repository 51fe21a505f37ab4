// `check:package` of every published package: publint on the package, then Are the Types Wrong? on
// the tarball `pnpm pack` makes (the one published: `attw --pack` would run `npm pack`, which the
// pack guard refuses). Run in the package's folder by turbo.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const run = (command, args) => execFileSync(command, args, { stdio: "inherit" });
const dir = mkdtempSync(join(tmpdir(), "ciamkit-pack-"));
try {
  run("publint", ["--strict"]);
  run("pnpm", ["pack", "--pack-destination", dir]);
  const tarball = readdirSync(dir).find((name) => name.endsWith(".tgz"));
  if (tarball === undefined) throw new Error(`pnpm pack wrote no tarball into ${dir}`);
  run("attw", [join(dir, tarball), "--profile", "esm-only"]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
