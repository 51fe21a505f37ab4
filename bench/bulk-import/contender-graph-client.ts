// Baselines with Microsoft's @microsoft/microsoft-graph-client 3.0.7 and its default middleware
// (RetryHandler: 429/503/504, Retry-After honoured, 3 retries). BENCH_MODE=serial creates one user
// at a time; BENCH_MODE=batch sends BatchRequestContent envelopes of 20, 4 in flight, and resends inner
// 429s after their own Retry-After (the RetryHandler never sees inside a $batch).
import {
  BatchRequestContent,
  BatchResponseContent,
  Client,
  GraphError,
} from "@microsoft/microsoft-graph-client";
import { benchSignIn } from "./ciamkit-client.ts";
import { type ContenderConfig, csvRows, finish } from "./contender.ts";

const config = JSON.parse(process.env.BENCH_CONTENDER ?? "{}") as ContenderConfig;
const mode = process.env.BENCH_MODE ?? "serial";
// The token comes from MSAL (through ciamkit's credential, cached); what is compared is the import path.
const { credential } = benchSignIn(config);
const client = Client.init({
  authProvider: (done) => {
    credential.getToken("https://graph.microsoft.com/.default").then(
      (t) => done(null, t.token),
      (e: unknown) => done(e as Error, null),
    );
  },
  baseUrl: `${config.graphUrl}/`,
  defaultVersion: "v1.0",
  customHosts: new Set(["127.0.0.1"]),
});
// The clock starts before the first call, as ciamkit's does (its importUsers also fetches a token and
// looks the tenant's domain up first).
const started = performance.now();
const org = (await client.api("/organization").get()) as {
  value: { verifiedDomains: { name: string; isDefault: boolean }[] }[];
};
const issuer = org.value[0]?.verifiedDomains.find((d) => d.isDefault)?.name ?? "";

const body = (row: { displayName: string; signInName: string; password: string }) => ({
  displayName: row.displayName,
  mail: row.signInName,
  identities: [{ signInType: "emailAddress", issuer, issuerAssignedId: row.signInName }],
  passwordProfile: { password: row.password, forceChangePasswordNextSignIn: false },
  passwordPolicies: "DisablePasswordExpiration",
});

// A contender slower than the bench can wait for (one user at a time: one create's latency per user)
// stops after BENCH_MAX_SECONDS; run.ts projects its wall time from the rate it held, which is
// constant because it never reaches the quota.
const budgetMs = Number(process.env.BENCH_MAX_SECONDS ?? "0") * 1000;
const overBudget = () => budgetMs > 0 && performance.now() - started > budgetMs;
let created = 0;
let failed = 0;
let throttledSeen = 0;
let requests = 0;

if (mode === "serial") {
  for await (const row of csvRows(config.file)) {
    if (overBudget()) break;
    requests++;
    try {
      await client.api("/users").post(body(row));
      created++;
    } catch (error) {
      // What the RetryHandler gave up on (after 3 retries) is lost, as in Microsoft's bulk-create sample.
      if (error instanceof GraphError && error.statusCode === 429) throttledSeen++;
      failed++;
    }
  }
} else {
  type Row = { displayName: string; signInName: string; password: string };
  const queue: Row[] = [];
  for await (const row of csvRows(config.file)) queue.push(row);
  let notBefore = 0;
  const worker = async () => {
    while (queue.length > 0 && !overBudget()) {
      const wait = notBefore - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const rows = queue.splice(0, 20);
      if (rows.length === 0) break;
      const batch = new BatchRequestContent(
        rows.map((row, i) => ({
          id: String(i + 1),
          request: new Request(`${config.graphUrl}/v1.0/users`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify(body(row)),
          }),
        })),
      );
      requests++;
      const response = new BatchResponseContent(await client.api("/$batch").post(await batch.getContent()));
      for (const [id, res] of response.getResponses()) {
        const row = rows[Number(id) - 1] as Row;
        if (res.status === 201) created++;
        else if (res.status === 429) {
          throttledSeen++;
          const after = Number(res.headers.get("retry-after") ?? "1");
          notBefore = Math.max(notBefore, Date.now() + after * 1000);
          queue.push(row);
        } else failed++;
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}
finish({ started, created, failed, throttledSeen, requests });
