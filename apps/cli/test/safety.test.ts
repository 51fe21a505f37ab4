import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ciam, json, requireBuilt, startTenant, type TestTenant } from "./harness.ts";

let t: TestTenant;
beforeAll(async () => {
  requireBuilt();
  t = await startTenant();
});
afterAll(async () => t?.close());

async function newGroup(name: string): Promise<string> {
  return json<{ id: string }>(await ciam(["group", "create", "--display-name", name, "-o", "json"], t.env))
    .id;
}

describe("destructive commands", () => {
  it("refuse without a terminal unless --yes, and send nothing", async () => {
    const id = await newGroup("Keep me");
    const before = t.requests();
    const run = await ciam(["group", "delete", "--id", id], t.env);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/no terminal to confirm on; pass --yes/);
    expect(t.requests()).toBe(before);
    expect((await ciam(["group", "get", "--id", id], t.env)).status).toBe(0);
  });

  it("run with --yes (or -y)", async () => {
    const id = await newGroup("Remove me");
    expect((await ciam(["group", "delete", "--id", id, "-y"], t.env)).status).toBe(0);
    expect((await ciam(["group", "get", "--id", id], t.env)).status).toBe(5);
  });
});

describe("--read-only", () => {
  it.each([
    ["a write", ["group", "create", "--display-name", "Nope"]],
    ["a destructive command, even with --yes", ["user", "delete", "--id", "x", "--yes"]],
  ])("refuses %s before any request", async (_name, args) => {
    const before = t.requests();
    const run = await ciam(["--read-only", ...args], t.env);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/changes the tenant and read-only mode is on/);
    expect(t.requests()).toBe(before);
  });

  it("is also switched on by CIAM_READ_ONLY=1", async () => {
    const run = await ciam(["group", "create", "--display-name", "Nope"], { ...t.env, CIAM_READ_ONLY: "1" });
    expect(run.status).toBe(2);
  });

  it("still runs reads", async () => {
    const run = await ciam(["--read-only", "organization", "get", "-o", "json"], t.env);
    expect(run.status).toBe(0);
  });
});
