// The public surface of @ciamkit/emulator: explicit named exports only.
export { type GraphErrorBody, graphErrorBody } from "./graph-error.ts";
