import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@ciamkit/source"] },
  ssr: { resolve: { conditions: ["@ciamkit/source"] } },
  test: {
    name: "@ciamkit/mcp-server",
    include: ["test/**/*.test.ts"],
    // Starting the emulator (a CA, TLS and signing keys) takes seconds on a loaded CI machine.
    hookTimeout: 30_000,
    testTimeout: 15_000,
  },
});
