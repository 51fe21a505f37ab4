// `ciam config apply` stopped part-way by a failed change: progress on stderr as each change is made,
// then what was applied, what failed and what was not run; the next plan shows the rest.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ciam, requireBuilt, startTenant, type TestTenant } from "./harness.ts";

let t: TestTenant;
let dir: string;
beforeAll(async () => {
  requireBuilt();
  t = await startTenant();
  dir = mkdtempSync(join(tmpdir(), "ciam-apply-failure-"));
  writeFileSync(join(dir, "user-flow-attributes.yaml"), "midwayTier:\n  dataType: string\n");
  writeFileSync(join(dir, "groups.yaml"), "Midway Alpha: {}\nMidway Beta: {}\n");
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("ciam config apply, failing mid-way", () => {
  it("prints each change as made, then applied/failed/not run on stderr, exits 6; apply again completes", async () => {
    t.emulator.control.faults.configure({
      rules: [{ method: "POST", path: "/groups", fault: { kind: "error", status: 500 }, times: 1 }],
    });
    const run = await ciam(["config", "apply", dir, "--yes"], t.env);
    expect(run.status, run.stderr).toBe(6);
    expect(run.stdout).toBe("");
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe("created userFlowAttributes 'midwayTier' (1/3)");
    expect(lines[1]).toMatch(
      /^ciam: error: applied 1 of 3 changes; failed: create groups 'Midway Alpha' \(Graph \w+, request-id [\w-]+\): .*; not run: create groups 'Midway Beta'; run `ciam config plan` to see what remains, `ciam config apply` completes it$/,
    );
    expect(lines).toHaveLength(2);

    const plan = await ciam(["config", "plan", dir, "--detailed-exitcode"], t.env);
    expect(plan.status).toBe(2);
    expect(plan.stdout).toContain("+ groups 'Midway Alpha'");
    expect(plan.stdout).toContain("+ groups 'Midway Beta'");
    expect(plan.stdout).not.toContain("midwayTier");

    const again = await ciam(["config", "apply", dir, "--yes"], t.env);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toBe("created groups 'Midway Alpha' (1/2)\ncreated groups 'Midway Beta' (2/2)\n");
    expect((await ciam(["config", "plan", dir, "--detailed-exitcode"], t.env)).status).toBe(0);
  });
});
