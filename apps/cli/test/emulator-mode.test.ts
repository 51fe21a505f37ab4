import { spawn } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, ciam, cmd, json, requireBuilt, sandbox } from "./harness.ts";

const box = sandbox();
const others: ReturnType<typeof sandbox>[] = [];
beforeAll(() => requireBuilt());
afterAll(() => {
  box.remove();
  for (const other of others) other.remove();
});

describe("--emulator", () => {
  it("runs against the demo tenant without any sign-in", async () => {
    const run = await ciam(["--emulator", "organization", "get", "-o", "json"], box.env);
    expect(run.status).toBe(0);
    expect(json<{ displayName: string }>(run).displayName).toBe("Contoso");
  });

  it("keeps state in the data directory, so the next command sees the change", async () => {
    const created = await ciam(
      cmd`--emulator user create --display-name ${"Kept Between Runs"} --sign-in-name kept@example.com -o json`,
      box.env,
    );
    expect(created.status).toBe(0);
    expect(existsSync(join(box.env.CIAM_DATA_DIR ?? "", "emulator"))).toBe(true);
    const found = await ciam(
      ["--emulator", "user", "list", "--display-name-starts-with", "Kept", "--query", "[].displayName"],
      box.env,
    );
    expect(json(found)).toEqual(["Kept Between Runs"]);
  });

  it("starts over with `ciam emulator reset`", async () => {
    const reset = await ciam(["emulator", "reset"], box.env);
    expect(reset.status).toBe(0);
    expect(reset.stderr).toMatch(/starts over .* demo tenant contoso\.onmicrosoft\.com/);
    const found = await ciam(["--emulator", "user", "list", "--display-name-starts-with", "Kept"], box.env);
    expect(json(found)).toEqual([]);
  });

  it("serves the saved state with `ciam emulator start` for clients that sign in with AZURE_* settings", async () => {
    const child = spawn(process.execPath, [BIN, "emulator", "start", "--json"], {
      env: box.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.setEncoding("utf8").on("data", (d: string) => {
          out += d;
          if (out.includes("\n")) resolve(out.split("\n")[0] ?? "");
        });
        child.on("exit", (code) => reject(new Error(`emulator start exited ${code}`)));
      });
      const info = JSON.parse(line) as { settings: Record<string, string> };
      expect(info.settings.AZURE_AUTHORITY_HOST).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const run = await ciam(["organization", "get", "-o", "json"], { ...box.env, ...info.settings });
      expect(run.status).toBe(0);
      expect(json<{ displayName: string }>(run).displayName).toBe("Contoso");
      // While it serves, `ciam --emulator` connects to it rather than writing the same journal.
      const alongside = await ciam(["--emulator", "organization", "get", "-o", "json"], box.env);
      expect(alongside.status, alongside.stderr).toBe(0);
      expect(json<{ displayName: string }>(alongside).displayName).toBe("Contoso");
    } finally {
      const exited = new Promise((resolve) => child.on("exit", resolve));
      child.kill("SIGINT");
      await exited;
    }
    expect(existsSync(join(box.env.CIAM_DATA_DIR ?? "", "emulator", "server.json"))).toBe(false);
  });
});

describe("--emulator's state directory", () => {
  const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

  it("is owner-only: 0700 directory, 0600 files, also when it was created wider", async () => {
    const own = sandbox();
    others.push(own);
    const stateDir = join(own.env.CIAM_DATA_DIR ?? "", "emulator");
    const first = await ciam(["--emulator", "organization", "get", "-o", "json"], own.env);
    expect(first.status, first.stderr).toBe(0);
    expect(mode(stateDir)).toBe("700");
    expect(readdirSync(stateDir).sort()).toEqual(["journal.jsonl", "snapshot.json"]);
    for (const file of readdirSync(stateDir)) expect(mode(join(stateDir, file))).toBe("600");

    // A state written by an earlier version, readable by everyone: the next command tightens it.
    chmodSync(stateDir, 0o755);
    chmodSync(join(stateDir, "snapshot.json"), 0o644);
    chmodSync(join(stateDir, "journal.jsonl"), 0o644);
    const again = await ciam(["--emulator", "organization", "get", "-o", "json"], own.env);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toBe("");
    expect(mode(stateDir)).toBe("700");
    for (const file of readdirSync(stateDir)) expect(mode(join(stateDir, file))).toBe("600");
  });

  it("refuses a corrupt state with one line naming the file and what to do (exit 2), changing nothing", async () => {
    const own = sandbox();
    others.push(own);
    const stateDir = join(own.env.CIAM_DATA_DIR ?? "", "emulator");
    mkdirSync(stateDir, { recursive: true });
    const snapshot = join(stateDir, "snapshot.json");
    writeFileSync(snapshot, '{"format":"ciamkit-emulator-snapshot","version":1,"tenants":[');
    const run = await ciam(["--emulator", "user", "list", "-o", "json"], own.env);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ciam: error: the emulator's state cannot be loaded: /);
    expect(lines[0]).toContain(`${snapshot} is not valid JSON`);
    expect(lines[0]).toContain(`move the directory aside (mv '${stateDir}' '${stateDir}.corrupt')`);
    expect(readFileSync(snapshot, "utf8")).toBe(
      '{"format":"ciamkit-emulator-snapshot","version":1,"tenants":[',
    );
    expect(readdirSync(stateDir)).toEqual(["snapshot.json"]);
  });
});
