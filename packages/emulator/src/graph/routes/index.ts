import type { GraphRoute } from "../route.ts";

/**
 * Every Graph route the emulator serves, gathered from the area files beside this one.
 * (Filled by the Graph resources work; the front door serves exactly this list.)
 */
export const graphRoutes: readonly GraphRoute[] = [];
