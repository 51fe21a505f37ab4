// The emulator in its own process (the contenders' CPU is their own), with Graph's published
// throttling budgets and Graph-like latency, both time-scaled. IPC commands: seed (a fresh directory
// with N users, full budgets), counters, stop.
import { startEmulator } from "@ciamkit/emulator";

const timeScale = Number(process.env.BENCH_TIME_SCALE ?? "5");
// BENCH_LATENCY_MS per user request (DELETE or GET /users/{id}, alone or inside a $batch, whose items
// run concurrently) and BENCH_BATCH_LATENCY_MS more per $batch envelope, as bench/bulk-import does for
// creates (its README says where the figures come from), divided by the time scale.
const userMs = Number(process.env.BENCH_LATENCY_MS ?? "200");
const batchMs = Number(process.env.BENCH_BATCH_LATENCY_MS ?? "50");
const scaled = (ms: number) => Math.round(ms / timeScale);
const latency = (method: string, path: string, ms: number) =>
  ms > 0 ? [{ method, path, fault: { kind: "latency" as const, ms: scaled(ms) } }] : [];
const emulator = await startEmulator({
  throttling: { enabled: true, timeScale },
  requestLogSize: 0,
  faults: {
    rules: [
      ...latency("DELETE", "/users/*", userMs),
      ...latency("GET", "/users/*", userMs),
      ...latency("POST", "/$batch", batchMs),
    ],
  },
});
const tenant = emulator.tenants[0];
if (tenant === undefined) throw new Error("no demo tenant");

process.send?.({
  loginUrl: emulator.loginUrl,
  graphUrl: emulator.graphUrl,
  armUrl: emulator.armUrl,
  caCertPem: emulator.caCertPem,
  tenant,
});
process.on("message", async (message: { cmd: string; users?: number }) => {
  if (message.cmd === "seed") {
    await emulator.control.reset();
    emulator.control.seedUsers(tenant.tenantId, message.users ?? 0, 1);
    // Budgets start full, as for an app that has not written for a while.
    emulator.control.throttler.configure({ enabled: true, timeScale });
    emulator.control.monitor.reset();
    process.send?.({ ok: true });
  } else if (message.cmd === "counters") {
    const users = emulator.store.tenant(tenant.tenantId)?.collection("users").size ?? 0;
    process.send?.({ counters: emulator.control.monitor.counters(), users });
  } else if (message.cmd === "stop") {
    await emulator.stop();
    process.exit(0);
  }
});
