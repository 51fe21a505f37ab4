// Start-up of the emulator on a grown data directory, with and without retention (issue 15): the
// time `startEmulator({ dataDir })` + `stop()` takes on a state that served weeks of work (audit and
// sign-in records, deleted users), beside the same state with retention off (the behaviour before
// it). Run: pnpm --filter @ciamkit/bench-emulator bench:startup   (BENCH_RUNS=3 by default)
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Snapshot, startEmulator } from "@ciamkit/emulator";

const RUNS = Number(process.env.BENCH_RUNS ?? "3");
const DAY = 24 * 60 * 60 * 1000;
/** Each day of use: audit records, sign-ins and deleted users (a busy test tenant). */
const PER_DAY = { audits: 300, signIns: 100, deleted: 30 };
const dir = mkdtempSync(join(tmpdir(), "ciam-bench-startup-"));
const file = join(dir, "snapshot.json");

// The seeded state, as the first `ciam --emulator` leaves it.
const seeded = await startEmulator({ dataDir: dir, throttling: false });
const tenantId = seeded.tenants[0]?.tenantId ?? "";
await seeded.stop();
const base = readFileSync(file, "utf8");

type Entry = [string, Record<string, unknown>];

/** The seeded state plus `days` days of use, up to now. */
function grow(days: number): string {
  const snapshot = JSON.parse(base) as Snapshot;
  const tenant = snapshot.tenants.find((t) => t.info.id === tenantId);
  const user = tenant?.collections.users?.[0]?.[1];
  if (tenant === undefined || user === undefined) throw new Error("no demo tenant");
  const spread = (n: number, make: (i: number, at: string) => Entry): Entry[] =>
    Array.from({ length: n }, (_, i) => make(i, new Date(Date.now() - (i / n) * days * DAY).toISOString()));
  tenant.collections.directoryAudits = spread(days * PER_DAY.audits, (i, at) => [
    `audit-${i}`,
    {
      id: `audit-${i}`,
      category: "UserManagement",
      activityDisplayName: "Add user",
      activityDateTime: at,
      result: "success",
      targetResources: [{ id: `u-${i}`, type: "User", displayName: `User ${i}`, modifiedProperties: [] }],
      initiatedBy: { app: { appId: "demo", displayName: "ciamkit management" } },
    },
  ]);
  tenant.collections.signIns = spread(days * PER_DAY.signIns, (i, at) => [
    `signin-${i}`,
    { id: `signin-${i}`, createdDateTime: at, appId: "demo", status: { errorCode: 0 } },
  ]);
  const deleted = spread(days * PER_DAY.deleted, (i, at) => {
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
    return [id, { ...user, id, userPrincipalName: `${id}@contoso.onmicrosoft.com`, deletedDateTime: at }];
  });
  tenant.collections.deletedItems = deleted;
  tenant.collections._deletedItems = deleted.map(([id]) => [id, { type: "user", secrets: [] }]);
  return JSON.stringify(snapshot);
}

async function startStop(retention: boolean): Promise<number> {
  const started = performance.now();
  const emu = await startEmulator({
    dataDir: dir,
    throttling: false,
    ...(retention ? {} : { retention: false as const }),
  });
  await emu.stop();
  return performance.now() - started;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

console.log(
  `${PER_DAY.audits} audit records, ${PER_DAY.signIns} sign-ins and ${PER_DAY.deleted} deleted users a day; median of ${RUNS} runs`,
);
console.log(
  "| days of use | snapshot | start+stop, retention off | first start, retention on | next starts | snapshot after |",
);
console.log(
  "| ----------- | -------- | ------------------------- | ------------------------- | ----------- | -------------- |",
);
for (const days of [0, 15, 30, 60, 120]) {
  const grown = grow(days);
  const off: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    writeFileSync(file, grown);
    off.push(await startStop(false));
  }
  const first: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    writeFileSync(file, grown);
    first.push(await startStop(true));
  }
  const next: number[] = [];
  for (let i = 0; i < RUNS; i++) next.push(await startStop(true));
  console.log(
    `| ${days} | ${mb(Buffer.byteLength(grown))} MB | ${median(off).toFixed(0)} ms | ${median(first).toFixed(0)} ms | ${median(next).toFixed(0)} ms | ${mb(statSync(file).size)} MB |`,
  );
}
rmSync(dir, { recursive: true, force: true });
