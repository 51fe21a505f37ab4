// biome-ignore-all lint/suspicious/noTemplateCurlyInString: specs write ${env:NAME} placeholders
// Requests and wall time of `planTenant` for a tenant with 20 user flows, 50 custom attributes, 10
// identity providers, 20 apps, 5 groups, branding with 5 localizations and 5 custom extensions with
// their listeners, against a naive
// refresh in the same run: list each kind, then GET every object on its own, and a flow's providers,
// attributes and apps by their navigations (what a per-resource tool does).
// Usage: pnpm --filter @ciamkit/bench-config-plan bench   (BENCH_RUNS=5)
import {
  applyPlan,
  emulatorConnection,
  paginate,
  planTenant,
  type ServiceClient,
  type TenantSpecInput,
} from "@ciamkit/core";
import { startEmulator } from "@ciamkit/emulator";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const emu = await startEmulator({ throttling: false, requestLogSize: 100_000 });
const tenant = emu.tenants[0];
if (tenant === undefined) throw new Error("no demo tenant");
// Signed in as the demo tenant's management app, over HTTPS with the emulator's CA (as `--emulator` does).
const { client } = emulatorConnection(emu, tenant);

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const env = { OIDC_SECRET: "bench-secret", SOCIAL_SECRET: "bench-secret" };
const spec: TenantSpecInput = {
  userFlowAttributes: Object.fromEntries(range(50).map((i) => [`Attribute ${i}`, { dataType: "string" }])),
  identityProviders: {
    "Google-OAUTH": {
      kind: "social",
      identityProviderType: "Google",
      clientId: "g",
      clientSecret: "${env:SOCIAL_SECRET}",
    },
    "Facebook-OAUTH": {
      kind: "social",
      identityProviderType: "Facebook",
      clientId: "f",
      clientSecret: "${env:SOCIAL_SECRET}",
    },
    ...Object.fromEntries(
      range(8).map((i) => [
        `Partner ${i}`,
        {
          kind: "oidc",
          clientId: `partner-${i}`,
          clientSecret: "${env:OIDC_SECRET}",
          issuer: `https://partner${i}.example/`,
          wellKnownEndpoint: `https://partner${i}.example/.well-known/openid-configuration`,
        },
      ]),
    ),
  },
  applications: Object.fromEntries(
    range(20).map((i) => [`App ${i}`, { web: { redirectUris: [`https://app${i}.example/signin`] } }]),
  ),
  groups: Object.fromEntries(range(5).map((i) => [`Group ${i}`, { description: `Group number ${i}` }])),
  branding: {
    default: { backgroundColor: "#0A2540", signInPageText: "Welcome" },
    ...Object.fromEntries(
      ["fr-FR", "de-DE", "es-ES", "it-IT", "ja-JP"].map((l) => [l, { signInPageText: `Welcome (${l})` }]),
    ),
  },
  customExtensions: Object.fromEntries(
    range(5).map((i) => [
      `Extension ${i}`,
      {
        event: "onTokenIssuanceStart",
        targetUrl: `https://ext${i}.example/token`,
        app: `App ${i}`,
        claims: ["tier"],
      },
    ]),
  ),
  eventListeners: Object.fromEntries(range(5).map((i) => [`Extension ${i}`, { applications: [`App ${i}`] }])),
  userFlows: Object.fromEntries(
    range(20).map((i) => [
      `Flow ${i}`,
      {
        identityProviders: ["EmailPassword-OAUTH", i % 2 === 0 ? "Google-OAUTH" : `Partner ${(i % 8) + 1}`],
        attributes: ["email", `Attribute ${i}`, `Attribute ${i + 20}`],
        applications: [`App ${i}`],
      },
    ]),
  ),
};
await applyPlan(client, await planTenant(client, spec, { env }), { env });

const graphRequests = () => emu.control.monitor.requests().filter((r) => r.service === "graph").length;

async function measure(run: () => Promise<unknown>) {
  const before = graphRequests();
  const started = performance.now();
  await run();
  return { requests: graphRequests() - before, ms: performance.now() - started };
}

/** Every object read on its own after listing its kind, as a per-resource refresh does. */
async function naiveRefresh(graph: ServiceClient) {
  const each = async (path: string, extra: (id: string) => string[] = () => []) => {
    const ids: string[] = [];
    for await (const item of paginate<{ id: string }>(graph, path, { query: { $select: "id" } }))
      ids.push(item.id);
    for (const id of ids) {
      await graph.get(`${path}/${encodeURIComponent(id)}`);
      for (const more of extra(id)) await graph.get(more);
    }
  };
  const flow = "microsoft.graph.externalUsersSelfServiceSignUpEventsFlow";
  await each("/identity/userFlowAttributes");
  await each("/identity/identityProviders");
  await each("/applications");
  await each("/groups");
  await each(`/organization/${tenant.tenantId}/branding/localizations`);
  await each("/identity/customAuthenticationExtensions");
  await each("/identity/authenticationEventListeners");
  await each("/identity/authenticationEventsFlows", (id) => [
    `/identity/authenticationEventsFlows/${id}/${flow}/onAuthenticationMethodLoadStart/microsoft.graph.onAuthenticationMethodLoadStartExternalUsersSelfServiceSignUp/identityProviders`,
    `/identity/authenticationEventsFlows/${id}/${flow}/onAttributeCollection/microsoft.graph.onAttributeCollectionExternalUsersSelfServiceSignUp/attributes`,
    `/identity/authenticationEventsFlows/${id}/conditions/applications/includeApplications`,
  ]);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const plans: { requests: number; ms: number }[] = [];
const naive: { requests: number; ms: number }[] = [];
let changes = -1;
for (let i = 0; i < RUNS; i++) {
  plans.push(
    await measure(async () => {
      changes = (await planTenant(client, spec, { env })).changes.length;
    }),
  );
  naive.push(await measure(() => naiveRefresh(client.graph)));
}
const row = (name: string, runs: { requests: number; ms: number }[]) => ({
  name,
  requests: median(runs.map((r) => r.requests)),
  wallMs: Math.round(median(runs.map((r) => r.ms))),
});
const planRow = row("ciamkit planTenant ($batch)", plans);
const naiveRow = row("naive per-object GET refresh", naive);
console.table([planRow, naiveRow]);
console.log(
  JSON.stringify({
    runs: RUNS,
    planChanges: changes,
    requestRatio: Math.round((planRow.requests / naiveRow.requests) * 1000) / 1000,
    timeRatio: Math.round((planRow.wallMs / naiveRow.wallMs) * 100) / 100,
  }),
);
await client.close();
await emu.stop();
if (changes !== 0) throw new Error(`the plan after apply should be empty, has ${changes} changes`);
