import { ciamkitProject } from "../../vitest.project.ts";

export default ciamkitProject("@ciamkit/jit");
