// The emulator in its own process, with Graph's published throttling budgets time-scaled, so each
// contender's memory is its own. Commands come over IPC: reset (fresh directory, full budgets), counters, stop.
import { startEmulator } from "@ciamkit/emulator";

const timeScale = Number(process.env.BENCH_TIME_SCALE ?? "10");
const throttling = process.env.BENCH_THROTTLING !== "off";
// Graph's answer times, shrunk by the same time scale as the throttling windows so that latency and
// quota keep Graph's proportions: BENCH_LATENCY_MS per create (POST /users, alone or inside a $batch,
// whose items run concurrently, so an envelope takes as long as its slowest item) and
// BENCH_BATCH_LATENCY_MS more per $batch envelope. README.md says where the defaults come from.
const createMs = Number(process.env.BENCH_LATENCY_MS ?? "200");
const batchMs = Number(process.env.BENCH_BATCH_LATENCY_MS ?? "50");
const scaled = (ms: number) => Math.round(ms / timeScale);
const emulator = await startEmulator({
  throttling: { enabled: throttling, timeScale },
  requestLogSize: 0,
  faults: {
    rules: [
      ...(createMs > 0
        ? [{ method: "POST", path: "/users", fault: { kind: "latency" as const, ms: scaled(createMs) } }]
        : []),
      ...(batchMs > 0
        ? [{ method: "POST", path: "/$batch", fault: { kind: "latency" as const, ms: scaled(batchMs) } }]
        : []),
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
process.on("message", async (message: { cmd: string }) => {
  if (message.cmd === "reset") {
    await emulator.control.reset();
    // Budgets start full, as for an app that has not written for a while.
    emulator.control.throttler.configure({ enabled: throttling, timeScale });
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
