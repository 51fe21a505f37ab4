// The emulator in its own process, so that the parent's memory is the client's alone.
import { startEmulator } from "@ciamkit/emulator";

const users = Number(process.env.BENCH_USERS ?? "100000");
const emulator = await startEmulator({ throttling: false });
const tenant = emulator.tenants[0];
if (tenant === undefined) throw new Error("no demo tenant");
emulator.control.seedUsers(tenant.tenantId, users, 1);
process.send?.({
  loginUrl: emulator.loginUrl,
  graphUrl: emulator.graphUrl,
  armUrl: emulator.armUrl,
  caCertPem: emulator.caCertPem,
  tenant,
  users: emulator.store.tenant(tenant.tenantId)?.collection("users").size,
});
process.on("message", async () => {
  await emulator.stop();
  process.exit(0);
});
