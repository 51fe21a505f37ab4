import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@ciamkit/source"] },
  ssr: { resolve: { conditions: ["@ciamkit/source"] } },
  test: {
    name: "@ciamkit/entra-policy",
    include: ["test/**/*.test.ts"],
  },
});
