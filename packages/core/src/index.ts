// The public surface of @ciamkit/core: explicit named exports only.
export { CIAMKIT_VERSION, userAgent } from "./version.ts";
