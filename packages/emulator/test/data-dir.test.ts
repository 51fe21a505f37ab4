import { spawn } from "node:child_process";
import { once } from "node:events";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { startEmulator } from "../src/emulator.ts";
import { DataDirCorruptError } from "../src/persist/data-dir-error.ts";
import { DataDirBusyError, type DataDirHolder, LOCK_FILE, lockDataDir } from "../src/persist/dir-lock.ts";
import { Persistence } from "../src/persist/journal.ts";
import { Store } from "../src/store/store.ts";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "ciam-emulator-datadir-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);
const users = (emu: Awaited<ReturnType<typeof startEmulator>>): string[] =>
  [...(emu.store.tenant("contoso")?.collection("users").entries() ?? [])].map(([id]) => id);

/** The pid of a process that has exited: its lock is stale. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await once(child, "exit");
  return child.pid as number;
}

describe("one process at a time on a data dir", () => {
  test("a second emulator waits for the first to stop, then loads what the first saved", async () => {
    const dir = tempDir();
    const first = await startEmulator({ dataDir: dir, dataDirLock: { holder: "first" } });
    let announced: (holder: DataDirHolder) => void = () => {};
    const waiting = new Promise<DataDirHolder>((resolve) => {
      announced = resolve;
    });
    const secondStarting = startEmulator({
      dataDir: dir,
      dataDirLock: { holder: "second", waitMs: 120_000, onWait: (holder) => announced(holder) },
    });
    const holder = await waiting;
    expect(holder).toMatchObject({ pid: process.pid, holder: "first", host: hostname() });

    // Written while the second one waits: it must see it.
    first.store.tenant("contoso")?.collection("users").put("written-while-waiting", { id: "x" });
    await first.stop();
    const second = await secondStarting;
    try {
      expect(users(second)).toContain("written-while-waiting");
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8"))).toMatchObject({ holder: "second" });
    } finally {
      await second.stop();
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  test("without a wait, a held data dir is busy at once, naming the holder; nothing is loaded", async () => {
    const dir = tempDir();
    const lock = await lockDataDir(dir, { holder: "ciam --emulator" });
    try {
      const attempt = startEmulator({ dataDir: dir });
      await expect(attempt).rejects.toBeInstanceOf(DataDirBusyError);
      await expect(attempt).rejects.toThrow(`${dir} is still in use by ciam --emulator (pid ${process.pid}`);
      expect(readdirSync(dir).sort()).toEqual([LOCK_FILE]);
    } finally {
      lock.release();
    }
  });

  test("a wait can be cancelled", async () => {
    const dir = tempDir();
    const lock = await lockDataDir(dir);
    const controller = new AbortController();
    try {
      const attempt = lockDataDir(dir, {
        waitMs: 120_000,
        signal: controller.signal,
        onWait: () => controller.abort(new Error("stop waiting")),
      });
      await expect(attempt).rejects.toThrow();
      expect(controller.signal.aborted).toBe(true);
    } finally {
      lock.release();
    }
  });

  test("a lock left by a process that is gone is taken over at once", async () => {
    const dir = tempDir();
    const pid = await deadPid();
    const stale = {
      pid,
      host: hostname(),
      holder: "ciam --emulator",
      since: "2026-01-01T00:00:00Z",
      nonce: "n",
    };
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(stale));
    const emu = await startEmulator({ dataDir: dir });
    try {
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8"))).toMatchObject({ pid: process.pid });
    } finally {
      await emu.stop();
    }
  });

  test("a lock of a live process on another host is never taken over", async () => {
    const dir = tempDir();
    const other = { pid: 1, host: `not-${hostname()}`, holder: "ciam-emulator", since: "x", nonce: "n" };
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(other));
    await expect(startEmulator({ dataDir: dir })).rejects.toThrow(/in use by ciam-emulator \(pid 1 on not-/);
  });
});

describe("owner-only files", () => {
  test("a new data dir is 0700 and its snapshot, journal and lock 0600", async () => {
    const dir = join(tempDir(), "new");
    const emu = await startEmulator({ dataDir: dir });
    try {
      expect(mode(dir)).toBe("700");
      for (const file of ["snapshot.json", "journal.jsonl", LOCK_FILE])
        expect(mode(join(dir, file))).toBe("600");
    } finally {
      await emu.stop();
    }
    expect(mode(join(dir, "snapshot.json"))).toBe("600");
  });

  test("an existing data dir with wider modes is tightened", async () => {
    const dir = join(tempDir(), "wide");
    const first = await startEmulator({ dataDir: dir });
    await first.stop();
    writeFileSync(join(dir, "journal.jsonl"), "");
    chmodSync(dir, 0o755);
    chmodSync(join(dir, "snapshot.json"), 0o644);
    chmodSync(join(dir, "journal.jsonl"), 0o666);
    const warnings: string[] = [];
    const again = await startEmulator({ dataDir: dir, onWarning: (w) => warnings.push(w) });
    try {
      expect(mode(dir)).toBe("700");
      expect(mode(join(dir, "snapshot.json"))).toBe("600");
      expect(mode(join(dir, "journal.jsonl"))).toBe("600");
      expect(warnings).toEqual([]);
    } finally {
      await again.stop();
    }
  });
});

describe("snapshot writes", () => {
  test("a temporary snapshot left by a killed writer is removed and never read", () => {
    const dir = tempDir();
    for (const name of ["snapshot.json.tmp", "snapshot.json.4242.7.tmp"])
      writeFileSync(join(dir, name), "{torn");
    const p = new Persistence(dir);
    expect(p.open(new Store(), new Date())).toEqual({ loaded: false, replayed: 0 });
    p.close(new Store(), new Date());
    expect(readdirSync(dir).sort()).toEqual(["journal.jsonl", "snapshot.json"]);
  });
});

describe("a corrupt data dir", () => {
  const cases: [string, string, RegExp][] = [
    ["snapshot.json", "{not json", /snapshot\.json is not valid JSON/],
    ["snapshot.json", '{"format":"something else"}', /snapshot\.json is not an emulator snapshot at format/],
    [
      "journal.jsonl",
      '{"op":"put"}\n{"op":"delete","tenantId":"t","collection":"users","id":"a"}\n',
      /journal\.jsonl line 1 is not a store change/,
    ],
    ["journal.jsonl", "garbage\n{}\n", /journal\.jsonl line 1 is not valid JSON/],
  ];
  test.each(cases)(
    "%s holding %j is refused with one line naming the file; nothing changes",
    async (file, content, message) => {
      const dir = tempDir();
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, file), content);
      const attempt = startEmulator({ dataDir: dir });
      await expect(attempt).rejects.toBeInstanceOf(DataDirCorruptError);
      const error = (await attempt.catch((e: unknown) => e)) as DataDirCorruptError;
      expect(error.message).toMatch(message);
      expect(error.message).toContain(join(dir, file));
      expect(error.message).toContain(`mv '${dir}' '${dir}.corrupt'`);
      expect(error.message).not.toContain("\n");
      expect(readFileSync(join(dir, file), "utf8")).toBe(content);
      expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    },
  );

  test("a missing data dir is created, not an error", async () => {
    const emu = await startEmulator({ dataDir: join(tempDir(), "a", "b") });
    await emu.stop();
  });
});
