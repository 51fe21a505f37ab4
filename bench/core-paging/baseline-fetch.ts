// Baseline for run.ts: the same 100k-user walk with bare fetch (no ciamkit pipeline), to tell the
// client's own memory from Node's fetch/allocator behaviour. Usage: node --expose-gc
// --conditions=@ciamkit/source baseline-fetch.ts  (BENCH_USERS, BENCH_PASSES as in run.ts).
import { createFetchTransport } from "@ciamkit/core";
import { connectEmulatorChild, mb } from "./emulator-connection.ts";

const { child, ready, cloud, credential } = await connectEmulatorChild();
const token = (await credential.getToken(cloud.graphScope)).token;
const transport = createFetchTransport({ ca: ready.caCertPem });
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
