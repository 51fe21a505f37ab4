import { defineProject } from "vitest/config";

/**
 * The vitest project every workspace member uses: sources resolved through the `@ciamkit/source`
 * export condition (no build needed), tests in `test/**\/*.test.ts`. Tests start an HTTPS emulator
 * and sign in with MSAL; on a loaded 2-core machine that can take longer than vitest's 5 s default.
 * No test asserts on time: the timeouts only bound a hang.
 */
export function ciamkitProject(name: string, options: { testTimeout?: number } = {}) {
  return defineProject({
    resolve: { conditions: ["@ciamkit/source"] },
    ssr: { resolve: { conditions: ["@ciamkit/source"] } },
    test: {
      name,
      include: ["test/**/*.test.ts"],
      testTimeout: options.testTimeout ?? 30_000,
      hookTimeout: 30_000,
    },
  });
}
