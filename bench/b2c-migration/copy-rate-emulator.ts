// The emulator of the copy-rate bench in its own process (its CPU is not the contender's): Graph's
// write budget and latency time-scaled as in bench/bulk-import, the demo External ID tenant as the
// target, and a B2C tenant seeded with BENCH_USERS local accounts as the source. IPC: reset, counters, stop.
import { randomUUID } from "node:crypto";
import { seedDirectory, startEmulator } from "@ciamkit/emulator";

const timeScale = Number(process.env.BENCH_TIME_SCALE ?? "5");
const users = Number(process.env.BENCH_USERS ?? "8000");
const scaled = (ms: number) => Math.round(ms / timeScale);
const emulator = await startEmulator({
  throttling: { enabled: true, timeScale },
  requestLogSize: 0,
  faults: {
    rules: [
      { method: "POST", path: "/users", fault: { kind: "latency" as const, ms: scaled(200) } },
      { method: "POST", path: "/$batch", fault: { kind: "latency" as const, ms: scaled(50) } },
    ],
  },
});
const target = emulator.tenants[0];
if (target === undefined) throw new Error("no demo tenant");

/** A fresh B2C source tenant with `users` customers, and its management app's credential. */
function seedSource() {
  const tenant = emulator.store.putTenant({
    id: randomUUID(),
    kind: "b2c",
    displayName: "benchsource",
    subdomain: "benchsource",
    defaultDomain: "benchsource.onmicrosoft.com",
    createdDateTime: new Date(Date.UTC(2026, 0, 1)).toISOString(),
  });
  const app = seedDirectory(tenant, {
    seed: "benchsource",
    apps: [{ displayName: "management", graphPermissions: ["User.Read.All", "IdentityUserFlow.Read.All"] }],
  }).apps[0];
  emulator.control.seedUsers(tenant.info.id, users, 1);
  return { tenantId: tenant.info.id, clientId: app?.appId ?? "", clientSecret: app?.secret ?? "" };
}

let source = seedSource();
process.send?.({
  loginUrl: emulator.loginUrl,
  graphUrl: emulator.graphUrl,
  armUrl: emulator.armUrl,
  caCertPem: emulator.caCertPem,
  target,
  source,
});
process.on("message", async (message: { cmd: string }) => {
  if (message.cmd === "reset") {
    await emulator.control.reset();
    source = seedSource();
    emulator.control.throttler.configure({ enabled: true, timeScale });
    emulator.control.monitor.reset();
    process.send?.({ source });
  } else if (message.cmd === "counters") {
    const created = emulator.store.tenant(target.tenantId)?.collection("users").size ?? 0;
    process.send?.({ counters: emulator.control.monitor.counters(), users: created });
  } else if (message.cmd === "stop") {
    await emulator.stop();
    process.exit(0);
  }
});
