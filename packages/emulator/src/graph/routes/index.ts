import type { GraphRoute } from "../route.ts";
import { groupRoutes } from "./groups.ts";
import { userRoutes } from "./users.ts";

/**
 * Every Graph route the emulator serves, gathered from the area files beside this one; the front
 * door serves exactly this list.
 */
export const graphRoutes: readonly GraphRoute[] = [...userRoutes, ...groupRoutes];
