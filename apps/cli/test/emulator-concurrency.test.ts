// Several `ciam --emulator` processes on one state directory at once: every write a command
// acknowledged (exit 0) is there afterwards. The built bin, as users run it.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { lockDataDir } from "@ciamkit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, ciam, json, type Run, requireBuilt, sandbox } from "./harness.ts";

const boxes: ReturnType<typeof sandbox>[] = [];
function freshBox() {
  const box = sandbox();
  boxes.push(box);
  return { ...box, stateDir: join(box.env.CIAM_DATA_DIR ?? "", "emulator") };
}
beforeAll(() => requireBuilt());
afterAll(() => {
  for (const box of boxes) box.remove();
});

const create = (env: Record<string, string>, name: string, onStderr?: (text: string) => void) =>
  ciam(
    [
      "--emulator",
      "user",
      "create",
      "--display-name",
      name,
      "--sign-in-name",
      `${name}@example.com`,
      "-o",
      "json",
    ],
    env,
    "",
    onStderr,
  );

/** Every user of the demo tenant, by id, as the next `ciam --emulator` sees them. */
async function userIds(env: Record<string, string>): Promise<Set<string>> {
  const run = await ciam(["--emulator", "user", "list", "--all", "--query", "[].id", "-o", "json"], env);
  expect(run.status, run.stderr).toBe(0);
  return new Set(json<string[]>(run));
}

/** The ids that the runs which exited 0 printed. */
const acknowledged = (runs: Run[]) =>
  runs.filter((r) => r.status === 0).map((r) => json<{ id: string }>(r).id);

/** A password of the emulator's rule with no digit run of the user's name in it. */
const password = (n: number) => `Zq!9${[...String(n)].map((d) => "pqrstuvwxy"[Number(d)]).join("")}#kT`;

describe("parallel ciam --emulator commands on one state", () => {
  it("six parallel `user create` on a new state all land", { timeout: 240_000 }, async () => {
    const box = freshBox();
    const runs = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => create(box.env, `parallel-${i}`)));
    for (const run of runs) expect(run.status, run.stderr).toBe(0);
    const ids = acknowledged(runs);
    expect(new Set(ids).size).toBe(6);
    const stored = await userIds(box.env);
    expect(ids.filter((id) => !stored.has(id))).toEqual([]);
  });

  it("a create while an import runs: both land, every imported row and the created user", {
    timeout: 240_000,
  }, async () => {
    const box = freshBox();
    const rows = 300;
    const csv = join(box.dir, "customers.csv");
    const lines = ["email,full_name,pw"];
    for (let i = 1; i <= rows; i++) lines.push(`imp${i}@legacy.test,Imported ${i},${password(i)}`);
    writeFileSync(csv, `${lines.join("\n")}\n`);
    const importer = spawn(
      process.execPath,
      [
        BIN,
        "--emulator",
        "user",
        "import",
        csv,
        "--map",
        "signInName=email",
        "--map",
        "displayName=full_name",
        "--map",
        "password=pw",
        "-o",
        "json",
      ],
      { env: box.env, stdio: ["ignore", "pipe", "pipe"] },
    );
    let importOut = "";
    importer.stdout.setEncoding("utf8").on("data", (d: string) => {
      importOut += d;
    });
    const importExit = new Promise<number | null>((resolve) => importer.on("close", resolve));
    let importDone = false;
    void importExit.then(() => {
      importDone = true;
    });
    // Start the create once the import holds the state (or has already finished).
    const lockFile = join(box.stateDir, "lock.json");
    const heldByImport = () => {
      try {
        return (JSON.parse(readFileSync(lockFile, "utf8")) as { pid: number }).pid === importer.pid;
      } catch {
        return false;
      }
    };
    while (!importDone && !heldByImport()) await sleep(20);
    const created = await create(box.env, "during-import");

    expect(await importExit).toBe(0);
    expect(JSON.parse(importOut)).toMatchObject({ rows, created: rows, failed: 0 });
    expect(created.status, created.stderr).toBe(0);
    const stored = await userIds(box.env);
    expect(stored.has(json<{ id: string }>(created).id)).toBe(true);
    const names = await ciam(
      [
        "--emulator",
        "user",
        "list",
        "--display-name-starts-with",
        "Imported",
        "--all",
        "--query",
        "length(@)",
        "-o",
        "json",
      ],
      box.env,
    );
    expect(json(names)).toBe(rows);
  });
});

describe("waiting for the state", () => {
  it("says whom it waits for, then runs once the other process is done", async () => {
    const box = freshBox();
    const lock = await lockDataDir(box.stateDir, { holder: "ciam --emulator" });
    let released = false;
    const run = await create(box.env, "waited", (stderr) => {
      if (!released && stderr.includes("waiting for another")) {
        released = true;
        lock.release();
      }
    });
    lock.release();
    expect(run.stderr).toContain(
      `ciam: waiting for another ciam --emulator process (pid ${process.pid}) using ${box.stateDir}\n`,
    );
    expect(run.status, run.stderr).toBe(0);
    expect((await userIds(box.env)).has(json<{ id: string }>(run).id)).toBe(true);
  });

  it("gives up after CIAM_EMULATOR_WAIT seconds with exit 6, having changed nothing", async () => {
    const box = freshBox();
    const lock = await lockDataDir(box.stateDir, { holder: "ciam --emulator" });
    try {
      const run = await create({ ...box.env, CIAM_EMULATOR_WAIT: "0" }, "never");
      expect(run.status).toBe(6);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(
        new RegExp(
          `^ciam: error: the emulator's state .*emulator is still in use by ciam --emulator \\(pid ${process.pid}, since .*\\); run the command again when it has finished, or wait longer with CIAM_EMULATOR_WAIT=<seconds> \\(now 0\\)\\n$`,
        ),
      );
    } finally {
      lock.release();
    }
    const found = await ciam(
      ["--emulator", "user", "list", "--display-name-starts-with", "never", "-o", "json"],
      box.env,
    );
    expect(json(found)).toEqual([]);
  });

  it("refuses a CIAM_EMULATOR_WAIT that is not a whole number of seconds (exit 2)", async () => {
    const box = freshBox();
    const run = await create({ ...box.env, CIAM_EMULATOR_WAIT: "soon" }, "never");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("CIAM_EMULATOR_WAIT must be a whole number of seconds, not 'soon'");
  });
});
