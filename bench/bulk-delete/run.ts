// Deletes the same 1,000 seeded users twice against the emulator (Graph's write budget and latency,
// time-scaled): ciamkit's user_bulk_delete (by ids: read in $batch, then deleted in paced $batch
// envelopes with a journal), and the baseline, the library's user_delete called once per user in
// sequence (what a script looping over `ciam user delete` does, without the ~2 s process start each).
// Usage, from the repo root:
//   source scripts/toolchain.sh && pnpm --filter @ciamkit/bench-bulk-delete bench
// Env: BENCH_USERS (1000), BENCH_TIME_SCALE (5), BENCH_LATENCY_MS (200 per user request),
// BENCH_BATCH_LATENCY_MS (50 per $batch). Figures: README.md.
import { type ChildProcess, fork } from "node:child_process";
import { loadavg } from "node:os";
import {
  bulkDeleteUsersOperation,
  type CiamClient,
  clientSecretCredential,
  createCiamClient,
  customCloud,
  deleteUserOperation,
  listUsersOperation,
} from "@ciamkit/core";
import type { TenantConnection } from "@ciamkit/emulator";

const users = Number(process.env.BENCH_USERS ?? "1000");
const timeScale = Number(process.env.BENCH_TIME_SCALE ?? "5");

interface Ready {
  loginUrl: string;
  graphUrl: string;
  armUrl: string;
  caCertPem: string;
  tenant: TenantConnection;
}
interface Counters {
  counters: { requests: number; throttled: number };
  users: number;
}

function ask<T>(child: ChildProcess, message?: unknown): Promise<T> {
  return new Promise((resolve) => {
    child.once("message", (m) => resolve(m as T));
    if (message !== undefined) child.send(message as object);
  });
}

const emulator = fork(new URL("./emulator-child.ts", import.meta.url), {
  execArgv: ["--conditions=@ciamkit/source"],
  env: { ...process.env, BENCH_TIME_SCALE: String(timeScale) },
});
const ready = await ask<Ready>(emulator);
const cloud = customCloud({
  authorityHost: ready.loginUrl,
  graphEndpoint: ready.graphUrl,
  armEndpoint: ready.armUrl,
  knownAuthorities: ready.tenant.knownAuthorities,
  ca: ready.caCertPem,
});
const client: CiamClient = createCiamClient({
  credential: clientSecretCredential({
    tenantId: ready.tenant.tenantId,
    clientId: ready.tenant.clientId,
    clientSecret: ready.tenant.clientSecret,
    cloud,
  }),
  tenantId: ready.tenant.tenantId,
  cloud,
});

/** A directory of `users` seeded users plus the demo ones; returns the seeded users' ids. */
async function seeded(): Promise<string[]> {
  await ask(emulator, { cmd: "seed", users });
  const ids: string[] = [];
  for await (const user of client.iterate(listUsersOperation, {
    displayNameStartsWith: "Customer ",
    select: ["id", "displayName"],
    limit: 999,
  }))
    ids.push(String(user.id));
  if (ids.length !== users) throw new Error(`seeded ${ids.length} users, expected ${users}`);
  // Sign-in and the tenant's discovery happen before the clock starts, for both contenders.
  await ask(emulator, { cmd: "counters" });
  return ids;
}

const contenders: { name: string; run: (ids: string[]) => Promise<number> }[] = [
  {
    name: "ciamkit user_bulk_delete (ids)",
    run: async (ids) => (await client.run(bulkDeleteUsersOperation, { ids })).deleted,
  },
  {
    name: "baseline: user_delete per user, in sequence",
    run: async (ids) => {
      let deleted = 0;
      for (const id of ids) {
        await client.run(deleteUserOperation, { id });
        deleted++;
      }
      return deleted;
    },
  },
];

const loadBefore = loadavg();
const results = [];
for (const contender of contenders) {
  const ids = await seeded();
  const before = await ask<Counters>(emulator, { cmd: "counters" });
  const started = performance.now();
  const deleted = await contender.run(ids);
  const seconds = (performance.now() - started) / 1000;
  const after = await ask<Counters>(emulator, { cmd: "counters" });
  results.push({
    contender: contender.name,
    deleted,
    left: after.users - (before.users - users),
    wallSeconds: Math.round(seconds * 100) / 100,
    usersPerSecond: Math.round((deleted / seconds) * 10) / 10,
    requests: after.counters.requests - before.counters.requests,
    throttled429: after.counters.throttled - before.counters.throttled,
  });
  console.error(JSON.stringify(results.at(-1)));
}
const loadAfter = loadavg();
await client.close();
emulator.send({ cmd: "stop" });
const [bulk, baseline] = results;
console.log(
  JSON.stringify(
    {
      users,
      timeScale,
      latencyMs: {
        userRequest: Number(process.env.BENCH_LATENCY_MS ?? "200"),
        batch: Number(process.env.BENCH_BATCH_LATENCY_MS ?? "50"),
        scaledBy: timeScale,
      },
      node: process.version,
      loadAverage: { before: loadBefore.map((l) => l.toFixed(2)), after: loadAfter.map((l) => l.toFixed(2)) },
      results,
      // Time of the bulk delete over the baseline's: below 1 is faster.
      ratio: bulk && baseline ? Math.round((bulk.wallSeconds / baseline.wallSeconds) * 1000) / 1000 : null,
    },
    null,
    2,
  ),
);
