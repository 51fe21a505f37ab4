// Peak RSS of a dry run over a large file (default 1,000,000 rows, made on the fly in a temp dir), in
// a process that holds only the client: the emulator runs in a child. BENCH_ROWS sets the size,
// BENCH_CHECK_ROWS the size of a second run that also looks every user up (reads through $batch).
import { fork } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { clientSecretCredential, createCiamClient, customCloud, importUsers } from "@ciamkit/core";
import type { TenantConnection } from "@ciamkit/emulator";

const rows = Number(process.env.BENCH_ROWS ?? "1000000");
const checkRows = Number(process.env.BENCH_CHECK_ROWS ?? "20000");
const dir = mkdtempSync(join(tmpdir(), "ciamkit-bench-dry-"));

async function makeFile(n: number): Promise<string> {
  const file = join(dir, `rows-${n}.csv`);
  const out = createWriteStream(file);
  const digits = (i: number) => [...String(i)].map((d) => "pqrstuvwxy"[Number(d)]).join("");
  out.write("displayName,signInName,password\n");
  for (let i = 0; i < n; i++) {
    if (!out.write(`Customer ${i},customer${i}@example.org,Zq!9${digits(i)}#kT\n`)) {
      await new Promise<void>((r) => out.once("drain", () => r()));
    }
  }
  await new Promise<void>((r) => out.end(() => r()));
  return file;
}

const emulator = fork(new URL("./emulator-child.ts", import.meta.url), {
  execArgv: ["--conditions=@ciamkit/source"],
  env: { ...process.env, BENCH_TIME_SCALE: "1", BENCH_THROTTLING: "off" },
});
const ready = await new Promise<{
  loginUrl: string;
  graphUrl: string;
  armUrl: string;
  caCertPem: string;
  tenant: TenantConnection;
}>((resolve) => emulator.once("message", (m) => resolve(m as never)));
const cloud = customCloud({
  authorityHost: ready.loginUrl,
  graphEndpoint: ready.graphUrl,
  armEndpoint: ready.armUrl,
  knownAuthorities: ready.tenant.knownAuthorities,
  ca: ready.caCertPem,
});
const client = createCiamClient({
  credential: clientSecretCredential({
    tenantId: ready.tenant.tenantId,
    clientId: ready.tenant.clientId,
    clientSecret: ready.tenant.clientSecret,
    cloud,
  }),
  tenantId: ready.tenant.tenantId,
  cloud,
});

const mb = (kb: number) => Math.round(kb / 102.4) / 10;
const results = [];
for (const [n, checkExisting] of [
  [rows, false],
  [checkRows, true],
] as const) {
  const file = await makeFile(n);
  const started = performance.now();
  const report = await importUsers(client.context(), { file, dryRun: true, checkExisting });
  results.push({
    rows: n,
    checkExisting,
    valid: report.wouldCreate + report.existing,
    rejected: report.rejected,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    peakRssMBSoFar: mb(process.resourceUsage().maxRSS),
  });
  console.error(JSON.stringify(results.at(-1)));
}
await client.close();
emulator.send({ cmd: "stop" });
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify(
    { node: process.version, loadAverage: loadavg().map((l) => l.toFixed(2)), results },
    null,
    2,
  ),
);
