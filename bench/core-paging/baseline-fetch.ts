// Baseline for run.ts: the same 100k-user walk with bare fetch (no ciamkit pipeline), to tell the
// client's own memory from Node's fetch/allocator behaviour. Usage: node --expose-gc
// --conditions=@ciamkit/source baseline-fetch.ts  (BENCH_USERS, BENCH_PASSES as in run.ts).
import { fork } from "node:child_process";
import { clientSecretCredential, createFetchTransport, customCloud } from "@ciamkit/core";
import type { TenantConnection } from "@ciamkit/emulator";

const child = fork(new URL("./emulator-child.ts", import.meta.url), {
  execArgv: ["--conditions=@ciamkit/source"],
  env: process.env,
});
const ready = await new Promise<{
  loginUrl: string;
  graphUrl: string;
  armUrl: string;
  caCertPem: string;
  tenant: TenantConnection;
}>((resolve) => child.once("message", (m) => resolve(m as never)));
const cloud = customCloud({
  authorityHost: ready.loginUrl,
  graphEndpoint: ready.graphUrl,
  armEndpoint: ready.armUrl,
  knownAuthorities: ready.tenant.knownAuthorities,
  ca: ready.caCertPem,
});
const credential = clientSecretCredential({
  tenantId: ready.tenant.tenantId,
  clientId: ready.tenant.clientId,
  clientSecret: ready.tenant.clientSecret,
  cloud,
});
const token = (await credential.getToken(cloud.graphScope)).token;
const transport = createFetchTransport({ ca: ready.caCertPem });
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const rows = [];
for (let pass = 0; pass < Number(process.env.BENCH_PASSES ?? "5"); pass++) {
  let url: string | undefined =
    `${ready.graphUrl}/v1.0/users?$top=999&$select=id,displayName,mail,identities`;
  let users = 0;
  while (url !== undefined) {
    const response = await transport.fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { value: unknown[]; "@odata.nextLink"?: string };
    users += body.value.length;
    url = body["@odata.nextLink"];
  }
  globalThis.gc?.();
  const m = process.memoryUsage();
  rows.push({ pass, users, rssMB: mb(m.rss), heapUsedMB: mb(m.heapUsed), externalMB: mb(m.external) });
}
console.log(JSON.stringify({ mode: "bare fetch baseline", node: process.version, rows }, null, 2));
await transport.close();
child.send("stop");
