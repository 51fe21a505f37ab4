import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@ciamkit/source"] },
  ssr: { resolve: { conditions: ["@ciamkit/source"] } },
  test: {
    name: "@ciamkit/cli",
    include: ["test/**/*.test.ts"],
    // Each test runs the built ciam as a subprocess, several times: seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
