// Journals and export state belong to one tenant, cloud and input: two emulators with different demo
// tenants, and one reached under another host name, show a mismatch refused and nothing reused.
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { customCloud } from "../src/auth/clouds.ts";
import { exportUsers } from "../src/bulk/export-users.ts";
import { importUsers } from "../src/bulk/import-users.ts";
import { importUsersOperation } from "../src/bulk/user-import-operation.ts";
import type { CiamClient } from "../src/client.ts";
import { customer, signInNames, tempDir, writeCsv, writeRequests } from "./helpers/bulk-files.ts";
import { type CoreEmulator, startCoreEmulator } from "./helpers/emulator.ts";

let a: CoreEmulator;
let b: CoreEmulator;
let inA: CiamClient;
let inB: CiamClient;
let tmp: ReturnType<typeof tempDir>;
beforeAll(async () => {
  // Seeds 1 and 2: two demo tenants with different ids, as a trial tenant and the real one.
  [a, b] = await Promise.all([startCoreEmulator(), startCoreEmulator({ seed: 2 })]);
  inA = a.client();
  inB = b.client();
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});
beforeEach(async () => {
  tmp = tempDir();
  await Promise.all([a.control("POST", "/reset", {}), b.control("POST", "/reset", {})]);
  a.emu.control.monitor.reset();
  b.emu.control.monitor.reset();
});
afterEach(() => tmp.cleanup());

const ours = (t: CoreEmulator, prefix: string) =>
  [...signInNames(t.emu, t.tenant.tenantId).keys()].filter((n) => n.startsWith(prefix)).length;

function csv(prefix: string, rows: number): string {
  const file = tmp.path(`${prefix}.csv`);
  writeCsv(
    file,
    Array.from({ length: rows }, (_, i) => customer(i + 1, prefix)),
  );
  return file;
}

describe("the import journal is bound to its tenant, cloud, input and mapping", () => {
  it("the same command against another tenant is refused, creates nobody there and leaves the journal as it was", async () => {
    expect(a.tenant.tenantId).not.toBe(b.tenant.tenantId);
    const file = csv("trial", 4);
    const first = await inA.run(importUsersOperation, { file });
    expect(first).toMatchObject({ created: 4, resumed: 0 });
    const journal = `${file}.journal.jsonl`;
    const before = readFileSync(journal, "utf8");

    const refused = inB.run(importUsersOperation, { file });
    await expect(refused).rejects.toMatchObject({
      name: "InvalidInputError",
      issues: [
        `journalFile: ${journal} was written for another run (tenant ${a.tenant.tenantId.toLowerCase()}, this run ${b.tenant.tenantId.toLowerCase()}), so it is not used; delete ${journal} to import the file from scratch (users created by the earlier run then count as skipped), or give another journalFile`,
      ],
    });
    expect(ours(b, "trial")).toBe(0);
    expect(writeRequests(b.emu)).toBe(0);
    expect(readFileSync(journal, "utf8")).toBe(before);

    // What the message says to do works: another journal imports into the second tenant.
    const real = await inB.run(importUsersOperation, { file, journalFile: tmp.path("real.jsonl") });
    expect(real).toMatchObject({ created: 4, resumed: 0 });
    expect(ours(b, "trial")).toBe(4);
  });

  it("the same tenant id through another Graph host is another cloud, and is refused too", async () => {
    const file = csv("cloud", 2);
    await inA.run(importUsersOperation, { file });
    const elsewhere = a.client({
      cloud: customCloud({
        authorityHost: a.emu.loginUrl,
        graphEndpoint: a.emu.graphUrl.replace("127.0.0.1", "localhost"),
        armEndpoint: a.emu.armUrl,
        knownAuthorities: a.tenant.knownAuthorities,
        ca: a.emu.caCertPem,
      }),
    });
    await expect(elsewhere.run(importUsersOperation, { file })).rejects.toThrow(
      /was written for another run \(Graph host 127\.0\.0\.1, this run localhost\)/,
    );
  });

  it("a changed file or mapping is refused; a journal from before bindings is refused, not trusted", async () => {
    const file = csv("input", 3);
    const journalFile = tmp.path("journal.jsonl");
    await importUsers(inA.context(), { file, journalFile });
    writeCsv(file, [customer(1, "input"), customer(2, "input"), customer(3, "input"), customer(4, "input")]);
    await expect(importUsers(inA.context(), { file, journalFile })).rejects.toThrow(
      new RegExp(`\\(the content of ${file.replaceAll(".", "\\.")} changed\\)`),
    );
    await expect(
      importUsers(inA.context(), { file, journalFile, map: ["displayName=signInName"] }),
    ).rejects.toThrow(/the content of .* changed; the column mapping changed\)/);

    // An older ciamkit's journal: entries without a binding. Whose tenant it was, nobody can tell.
    const old = tmp.path("old.jsonl");
    writeFileSync(old, '{"k":"abc","s":"sent","line":2,"t":1}\n{"k":"abc","s":"created","line":2}\n');
    await expect(importUsers(inA.context(), { file, journalFile: old })).rejects.toThrow(
      `journalFile: ${old} does not say which tenant and input it belongs to (written by an older ciamkit, or not a user_import state file), so it is not used; delete ${old} to`,
    );
    expect(ours(a, "input")).toBe(3);
  });

  it("a journal holding only its binding (nothing was sent) starts afresh for any tenant", async () => {
    const file = csv("empty", 2);
    const journalFile = tmp.path("journal.jsonl");
    await importUsers(inA.context(), { file, journalFile });
    const binding = readFileSync(journalFile, "utf8").split("\n")[0] ?? "";
    writeFileSync(journalFile, `${binding}\n`);
    const report = await importUsers(inB.context(), { file, journalFile });
    expect(report).toMatchObject({ created: 2, resumed: 0 });
    expect(readFileSync(journalFile, "utf8")).toContain(`"tenant":"${b.tenant.tenantId.toLowerCase()}"`);
  });
});

describe("the export state is bound to its tenant, cloud and query", () => {
  /** Starts an export of `t` into `file` and stops it after the first 100 users, leaving its state. */
  async function interrupted(client: CiamClient, file: string, select = ["id"]): Promise<void> {
    const controller = new AbortController();
    await expect(
      exportUsers(
        client.context({
          signal: controller.signal,
          onProgress: (p) => {
            if ((p.done ?? 0) >= 100) controller.abort(new Error("interrupted"));
          },
        }),
        { file, select, pageSize: 50 },
      ),
    ).rejects.toThrow(/interrupted/);
    expect(existsSync(`${file}.state.json`)).toBe(true);
  }

  beforeEach(async () => {
    await Promise.all([
      a.control("POST", "/seed", { tenant: a.tenant.tenantId, users: 200 }),
      b.control("POST", "/seed", { tenant: b.tenant.tenantId, users: 200 }),
    ]);
  });

  it("resuming against another tenant, or with other properties, is refused and the file kept", async () => {
    const file = tmp.path("users.jsonl");
    await interrupted(inA, file);
    const state = `${file}.state.json`;
    const written = readFileSync(file, "utf8");
    await expect(exportUsers(inB.context(), { file, select: ["id"], pageSize: 50 })).rejects.toThrow(
      `stateFile: ${state} was written for another run (tenant ${a.tenant.tenantId.toLowerCase()}, this run ${b.tenant.tenantId.toLowerCase()}), so it is not used; delete ${state} to export from the start (${file} is written again), or give another stateFile`,
    );
    await expect(
      exportUsers(inA.context(), { file, select: ["id", "displayName"], pageSize: 50 }),
    ).rejects.toThrow(/\(the export's format, filter or properties changed\)/);
    expect(readFileSync(file, "utf8")).toBe(written);
    expect(statSync(state).mode & 0o777).toBe(0o600);

    // The same export goes on where it stopped.
    const resumed = await exportUsers(inA.context(), { file, select: ["id"], pageSize: 50 });
    expect(resumed.resumed).toBe(true);
  });

  it("a state file without a binding, or not JSON, is refused without quoting it", async () => {
    const file = tmp.path("users.csv");
    await interrupted(inA, file);
    const state = `${file}.state.json`;
    const { binding: _drop, ...old } = JSON.parse(readFileSync(state, "utf8")) as Record<string, unknown>;
    writeFileSync(state, JSON.stringify(old));
    await expect(exportUsers(inA.context(), { file, select: ["id"] })).rejects.toThrow(
      /does not say which tenant and input it belongs to/,
    );
    writeFileSync(state, "AZURE_CLIENT_SECRET=s3cr3t-value\n");
    const error = await exportUsers(inA.context(), { file, select: ["id"] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "InvalidInputError" });
    expect(String((error as Error).message)).not.toContain("s3cr3t");
  });
});

describe("the emulator on a new port is the same cloud", () => {
  it("after a restart on the same data directory, an import and an interrupted export carry on", async () => {
    const dataDir = tmp.path("emulator-data");
    let emulator = await startCoreEmulator({ dataDir });
    const file = csv("restart", 3);
    const out = tmp.path("restart.jsonl");
    try {
      await emulator.control("POST", "/seed", { tenant: emulator.tenant.tenantId, users: 150 });
      expect(await emulator.client().run(importUsersOperation, { file })).toMatchObject({ created: 3 });
      const controller = new AbortController();
      await expect(
        exportUsers(
          emulator.client().context({
            signal: controller.signal,
            onProgress: (p) => {
              if ((p.done ?? 0) >= 50) controller.abort(new Error("interrupted"));
            },
          }),
          { file: out, select: ["id"], pageSize: 50 },
        ),
      ).rejects.toThrow(/interrupted/);
      const port = new URL(emulator.emu.graphUrl).port;
      await emulator.stop();

      emulator = await startCoreEmulator({ dataDir });
      expect(new URL(emulator.emu.graphUrl).port).not.toBe(port);
      const again = await emulator.client().run(importUsersOperation, { file });
      expect(again).toMatchObject({ created: 3, resumed: 3, envelopes: 0 });
      const resumed = await exportUsers(emulator.client().context(), {
        file: out,
        select: ["id"],
        pageSize: 50,
      });
      expect(resumed.resumed).toBe(true);
      const ids = readFileSync(out, "utf8").trim().split("\n");
      const users = emulator.emu.store.tenant(emulator.tenant.tenantId)?.collection("users").size;
      expect(ids).toHaveLength(users ?? -1);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await emulator.stop();
    }
  });
});
