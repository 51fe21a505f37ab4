import { ciamkitProject } from "../vitest.project.ts";

// Generating the reference reads the whole of core with TypeScript: minutes on a loaded machine.
export default ciamkitProject("@ciamkit/api-docs", { testTimeout: 600_000 });
