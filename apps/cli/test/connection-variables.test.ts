import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectionCases } from "../../../packages/core/test/helpers/connection-cases.ts";
import { ciam, requireBuilt, startTenant, type TestTenant } from "./harness.ts";

// ciam reads the same connection variables as ciam-mcp and core's fromEnvironment(): one bad case
// per variable of core's CONNECTION_VARIABLES, each named in a usage error before anything is sent.
let t: TestTenant;

beforeAll(async () => {
  requireBuilt();
  t = await startTenant({ throttling: false });
});

afterAll(async () => {
  await t?.close();
});

describe("ciam and the connection variables", () => {
  it.each(Object.entries(connectionCases))(
    "a bad %s is a usage error naming it",
    async (_name, { change, error }) => {
      const before = t.requests();
      const run = await ciam(["user", "list"], { ...t.bare, ...change(t.env, t.bare.HOME ?? "") });
      expect(run.stderr).toMatch(error);
      expect(run.status).toBe(2);
      expect(t.requests()).toBe(before);
    },
  );
});
