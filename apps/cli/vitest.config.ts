import { ciamkitProject } from "../../vitest.project.ts";

// Each test runs the built ciam as a subprocess, several times: seconds, not milliseconds.
export default ciamkitProject("@ciamkit/cli", { testTimeout: 60_000 });
