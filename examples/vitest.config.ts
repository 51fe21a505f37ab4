import { ciamkitProject } from "../vitest.project.ts";

export default ciamkitProject("@ciamkit/examples", { testTimeout: 120_000 });
