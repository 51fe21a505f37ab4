// ciamkit: importUsers with its defaults (adaptive pacing, $batch, journal).
import { clientSecretCredential, createCiamClient, customCloud, importUsers } from "@ciamkit/core";
import { type ContenderConfig, finish } from "./contender.ts";

const config = JSON.parse(process.env.BENCH_CONTENDER ?? "{}") as ContenderConfig;
const cloud = customCloud({
  authorityHost: config.loginUrl,
  graphEndpoint: config.graphUrl,
  armEndpoint: config.armUrl,
  knownAuthorities: config.tenant.knownAuthorities,
  ca: config.caCertPem,
});
const client = createCiamClient({
  credential: clientSecretCredential({
    tenantId: config.tenant.tenantId,
    clientId: config.tenant.clientId,
    clientSecret: config.tenant.clientSecret,
    cloud,
  }),
  tenantId: config.tenant.tenantId,
  cloud,
});
const started = performance.now();
const report = await importUsers(client.context(), {
  file: config.file,
  journalFile: `${config.file}.journal`,
  ...(process.env.BENCH_INITIAL_RATE ? { initialRate: Number(process.env.BENCH_INITIAL_RATE) } : {}),
});
finish({
  started,
  created: report.created,
  failed: report.failed + report.rejected,
  throttledSeen: report.throttled,
  requests: report.envelopes,
});
await client.close();
