// The public surface of @ciamkit/cli: explicit named exports only.
export { createProgram } from "./program.ts";
