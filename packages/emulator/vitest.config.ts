import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@ciamkit/source"] },
  ssr: { resolve: { conditions: ["@ciamkit/source"] } },
  test: {
    name: "@ciamkit/emulator",
    include: ["test/**/*.test.ts"],
    // Tests start an HTTPS emulator and sign in with MSAL; on a loaded 2-core machine that can take
    // longer than vitest's 5 s default. No test asserts on time; this only bounds a hang.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
