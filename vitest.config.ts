import { defineConfig } from "vitest/config";

// One root config; each workspace member is a project with its own vitest.config.ts.
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*", "examples", "docs-api"],
  },
});
