// The public surface of @ciamkit/cli: explicit named exports only.

export { loadManifest } from "./manifest/load-manifest.ts";
export type { CommandSpec, Manifest, OptionSpec, OptionType } from "./manifest/manifest-types.ts";
export { createProgram } from "./program.ts";
export { EXIT, type ExitCode } from "./run/exit-codes.ts";
