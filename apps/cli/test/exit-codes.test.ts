import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, ciam, json, requireBuilt, startTenant, type TestTenant } from "./harness.ts";

let t: TestTenant;
beforeAll(async () => {
  requireBuilt();
  // Sign-in logs answer slowly, so a command is still waiting when Ctrl-C comes.
  t = await startTenant({
    faults: {
      rules: [{ method: "GET", path: "/auditLogs/signIns", fault: { kind: "latency", ms: 20_000 } }],
    },
  });
});
afterAll(async () => t?.close());

// Every documented bad input, with its exit code, is in bad-input.test.ts.
describe("--input", () => {
  it("--input gives the whole input and flags override it", async () => {
    const run = await ciam(
      ["user", "create", "--input", "-", "--display-name", "Flag Wins", "-o", "json"],
      t.env,
      JSON.stringify({ displayName: "From File", signInName: "input@example.com" }),
    );
    expect(run.status).toBe(0);
    expect(json<{ displayName: string }>(run).displayName).toBe("Flag Wins");
  });
});

describe("exit codes of failures after sign-in", () => {
  it("3 when sign-in fails", async () => {
    const run = await ciam(["user", "list"], { ...t.env, AZURE_CLIENT_SECRET: "wrong-secret-value" });
    expect(run.status).toBe(3);
    // Said once: core's token-service error already starts with "Sign-in failed (code)".
    expect(run.stderr).toMatch(/^ciam: error: Sign-in failed \(invalid_client\): /);
    expect(run.stderr).not.toMatch(/sign-in failed.*sign-in failed/i);
    expect(run.stderr).not.toContain("wrong-secret-value");
  });

  it("4 when the app lacks a permission, naming the permission", async () => {
    const app = json<{ appId: string }>(
      await ciam(["app", "create", "--display-name", "No rights", "-o", "json"], t.env),
    );
    await ciam(["service-principal", "create", "--app-id", app.appId], t.env);
    const secret = json<{ secretText: string }>(
      await ciam(["app", "password-add", "--app-id", app.appId, "-o", "json"], t.env),
    ).secretText;
    const run = await ciam(["user", "list"], {
      ...t.env,
      AZURE_CLIENT_ID: app.appId,
      AZURE_CLIENT_SECRET: secret,
    });
    expect(run.status).toBe(4);
    expect(run.stderr).toContain("User.Read.All");
  });

  it("5 when the object does not exist", async () => {
    const run = await ciam(["group", "get", "--id", "00000000-0000-0000-0000-000000000001"], t.env);
    expect(run.status).toBe(5);
    expect(run.stderr).toMatch(/ \(Request_ResourceNotFound, request-id [0-9a-f-]+\)$/m);
  });

  it("6 for other service errors (a conflict)", async () => {
    const args = ["user", "create", "--display-name", "Twin", "--sign-in-name", "twin@example.com"];
    expect((await ciam(args, t.env)).status).toBe(0);
    const again = await ciam(args, t.env);
    expect(again.status).toBe(6);
    expect(again.stderr.trimEnd().split("\n")).toHaveLength(1);
    // The service's code is on the line for scripts and searches, as the Azure CLI shows it.
    expect(again.stderr).toMatch(
      / \((Request_BadRequest|ObjectConflict|Request_MultipleObjectsWithSameKeyValue), request-id /,
    );
  });

  it("7 when some items of a bulk command failed", async () => {
    const group = json<{ id: string }>(
      await ciam(["group", "create", "--display-name", "Partial", "-o", "json"], t.env),
    );
    const users = json<{ id: string }[]>(await ciam(["user", "list", "--limit", "1"], t.env));
    const run = await ciam(
      [
        "group",
        "member-add",
        "--id",
        group.id,
        "--member-ids",
        users[0]?.id ?? "",
        "00000000-0000-0000-0000-00000000dead",
        "-o",
        "json",
      ],
      t.env,
    );
    expect(run.status).toBe(7);
    expect(json<{ results: { status: string }[] }>(run).results.map((r) => r.status)).toEqual([
      "added",
      "failed",
    ]);
  });
});

describe("Ctrl-C", () => {
  it("cancels the request in flight and exits 130", async () => {
    const before = t.emulator.control.monitor.counters().byService.login ?? 0;
    const child = spawn(process.execPath, [BIN, "audit-log", "sign-in-list"], { env: t.env });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    // Once it has its token, the slow Graph request follows.
    while ((t.emulator.control.monitor.counters().byService.login ?? 0) === before) await sleep(50);
    await sleep(500);
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(stderr).toBe("ciam: error: cancelled\n");
  });
});
