// Tenant-to-tenant copy rate: BENCH_USERS (8,000) B2C customers copied into the External ID tenant
// against the emulator's write ceiling (Graph's 3,000 writes per 150 s per app and tenant, a full
// bucket then 20/s, time-scaled by BENCH_TIME_SCALE, 5 by default; latency 200 ms per create and 50 ms
// per $batch, scaled alike, as bench/bulk-import). Contenders, each against a freshly reset directory:
// ciamkit's migrateUsers (defaults), and a plain copy loop (read a page, POST /users one user at a
// time through the same client: what a script writes first), stopped after BENCH_MAX_SECONDS (240)
// and projected. "Of ceiling" = the shortest possible time / the time taken. Usage, from the repo root:
//   source scripts/toolchain.sh && node --conditions=@ciamkit/source bench/b2c-migration/copy-rate.ts
import { fork } from "node:child_process";
import { loadavg } from "node:os";
import {
  type CiamClient,
  clientSecretCredential,
  createCiamClient,
  customCloud,
  migrateUsers,
} from "@ciamkit/core";

const users = Number(process.env.BENCH_USERS ?? "8000");
const timeScale = Number(process.env.BENCH_TIME_SCALE ?? "5");
const maxSeconds = Number(process.env.BENCH_MAX_SECONDS ?? "240");
const capacity = 3000;
const refillPerSecond = (capacity / 150) * timeScale;
// Writes: one create per user, plus the 4 custom attributes migrateUsers creates (not counted).
const floorSeconds = Math.max(0, users - capacity) / refillPerSecond;

interface App {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}
interface Ready {
  loginUrl: string;
  graphUrl: string;
  armUrl: string;
  caCertPem: string;
  target: App;
  source: App;
}

const child = fork(new URL("./copy-rate-emulator.ts", import.meta.url), {
  execArgv: ["--conditions=@ciamkit/source"],
  env: { ...process.env, BENCH_TIME_SCALE: String(timeScale), BENCH_USERS: String(users) },
});
const ask = <T>(message?: object) =>
  new Promise<T>((resolve) => {
    child.once("message", (m) => resolve(m as T));
    if (message !== undefined) child.send(message);
  });
const ready = await ask<Ready>();
const cloud = customCloud({
  authorityHost: ready.loginUrl,
  graphEndpoint: ready.graphUrl,
  armEndpoint: ready.armUrl,
  knownAuthorities: [new URL(ready.loginUrl).host],
  ca: ready.caCertPem,
});
const client = (app: App): CiamClient =>
  createCiamClient({
    credential: clientSecretCredential({
      tenantId: app.tenantId,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      cloud,
    }),
    tenantId: app.tenantId,
    cloud,
  });

/** One user at a time: page through the source and create each user in the target. */
async function plainCopy(from: CiamClient, to: CiamClient, deadline: number): Promise<number> {
  const domain = (
    await to.graph.get<{ value: { verifiedDomains: { name: string; isDefault: boolean }[] }[] }>(
      "/organization",
    )
  ).value[0]?.verifiedDomains.find((d) => d.isDefault)?.name;
  let url: string | undefined = "/users?$select=id,displayName,identities&$top=999";
  let created = 0;
  while (url !== undefined && performance.now() < deadline) {
    const page: {
      value: { displayName: string; identities: Record<string, string>[] }[];
      "@odata.nextLink"?: string;
    } = await from.graph.get(url);
    for (const u of page.value) {
      if (performance.now() >= deadline) break;
      const identities = u.identities
        .filter((i) => i.signInType === "emailAddress")
        .map((i) => ({ ...i, issuer: domain }));
      await to.graph.post("/users", {
        displayName: u.displayName,
        identities,
        passwordProfile: { password: `${crypto.randomUUID()}aA1!`, forceChangePasswordNextSignIn: false },
      });
      created++;
    }
    url = page["@odata.nextLink"];
  }
  return created;
}

const contenders = [
  {
    name: "ciamkit migrateUsers",
    run: async (from: CiamClient, to: CiamClient) => (await migrateUsers(from, to)).created,
  },
  {
    name: "plain copy, one user at a time",
    run: (from: CiamClient, to: CiamClient) => plainCopy(from, to, performance.now() + maxSeconds * 1000),
  },
].filter(
  (c) =>
    process.env.BENCH_ONLY === undefined || process.env.BENCH_ONLY.split(",").some((o) => c.name.includes(o)),
);

const load = loadavg();
const rows: string[] = [];
let source = ready.source;
for (const [n, contender] of contenders.entries()) {
  if (n > 0) source = (await ask<{ source: App }>({ cmd: "reset" })).source;
  const from = client(source);
  const to = client(ready.target);
  const started = performance.now();
  const created = await contender.run(from, to);
  const seconds = (performance.now() - started) / 1000;
  const projected = created < users ? (seconds * users) / created : seconds;
  const { counters } = await ask<{ counters: { byStatus: Record<string, number> } }>({ cmd: "counters" });
  rows.push(
    `| ${contender.name} | ${created.toLocaleString("en")}${created < users ? ` (stopped, ${maxSeconds} s)` : ""} | ${projected.toFixed(1)}${created < users ? " (projected)" : ""} | ${(users / projected).toFixed(1)} | ${((100 * floorSeconds) / projected).toFixed(1)} % | ${counters.byStatus["429"] ?? 0} |`,
  );
  await from.close();
  await to.close();
}
console.log(
  `${users} users, time scale ${timeScale} (ceiling ${refillPerSecond} writes/s after a ${capacity} burst; floor ${floorSeconds.toFixed(0)} s), load ${load.map((l) => l.toFixed(2)).join(" / ")}\n`,
);
console.log(
  "| contender | created | wall s | users/s | of ceiling | 429s |\n| --- | --- | --- | --- | --- | --- |",
);
for (const row of rows) console.log(row);
child.send({ cmd: "stop" });
