import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRAPH_APP_ID } from "../../src/graph/entities/graph-service-principal.ts";
import { type GraphVersion, matchRoute } from "../../src/graph/route.ts";
import { routesFor } from "../../src/graph/route-table.ts";
import { graphRoutes } from "../../src/graph/routes/index.ts";
import { b2cDemoConnection } from "../../src/seed/b2c-seed.ts";
import { DEMO_APP_PERMISSIONS } from "../../src/seed/demo-seed.ts";
import { pkcs12File, proofToken, selfSignedCertificate } from "../helpers/certificate.ts";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator.ts";
import { appWith, tokenFor } from "../helpers/graph-calls.ts";
import { type Example, type FixtureFile, loadFixtures } from "./fixture.ts";
import { compare, send, substitute, type Vars } from "./replay.ts";

/**
 * Replays the request/response pairs of Microsoft's Graph reference pages (fixtures/*.yaml, one file
 * per area) against one in-process emulator: status, `@odata.context` and the documented property
 * names. An example with `knownDeviation` must still deviate: when it starts to conform, the test
 * fails and asks for the marker to go. Prints the pass figures per area (docs/emulator.md).
 */
const fixtures = loadFixtures();
const results: { file: FixtureFile; example: Example; problems: string[] }[] = [];

let t: TestEmulator;
const tokens: Record<FixtureFile["tenant"], string> = { demo: "", b2c: "" };
const base: Vars = {};
const b2cVars: Vars = {};
let uniq = 0;

beforeAll(async () => {
  t = await startTestEmulator({ throttling: false });
  const admin = await t.graphToken();
  // The demo management app plus what its seed lacks for the documented calls (grants).
  tokens.demo = (
    await appWith(t, admin, [
      ...DEMO_APP_PERMISSIONS,
      "DelegatedPermissionGrant.ReadWrite.All",
      "Organization.ReadWrite.All",
    ])
  ).token;
  const b2c = b2cDemoConnection(t.emu.store, t.emu.loginUrl);
  if (b2c === undefined) throw new Error("the seed has no B2C tenant");
  Object.assign(b2cVars, { tenantId: b2c.tenantId, domain: b2c.domain });
  tokens.b2c = await tokenFor(t, b2c.tenantId, b2c.clientId, b2c.clientSecret);
  const graphSp = await send(
    t,
    tokens.demo,
    { method: "GET", url: `/v1.0/servicePrincipals(appId='${GRAPH_APP_ID}')` },
    {},
  );
  const pfxPassword = "Pkcs12-Passw0rd";
  // addKey/removeKey need a proof of possession signed by a key the application already holds.
  const held = await selfSignedCertificate("CN=held");
  const keyApp = await send(
    t,
    tokens.demo,
    {
      method: "POST",
      url: "/v1.0/applications",
      body: {
        displayName: "addKey",
        keyCredentials: [{ type: "AsymmetricX509Cert", usage: "Verify", key: held.der }],
      },
    },
    {},
  );
  Object.assign(base, {
    domain: t.tenant.domain,
    tenantId: t.tenant.tenantId,
    graphSpId: graphSp.json.id,
    certificate: (await selfSignedCertificate("CN=conformance")).der,
    pfx: (await pkcs12File(pfxPassword)).pfx,
    pfxPassword,
    keyApp: keyApp.json,
    keyProof: await proofToken(held.privateKey, keyApp.json.id, new Date()),
    newCertificate: (await selfSignedCertificate("CN=added")).der,
    otherCertificate: (await selfSignedCertificate("CN=other")).der,
  });
}, 60_000);

afterAll(async () => {
  await t?.emu.stop();
  printSummary();
});

/** Runs an example's setup and request; returns what differs from the documented response. */
async function replay(file: FixtureFile, ex: Example): Promise<string[]> {
  const token = tokens[file.tenant];
  // `uniq` keeps names unique across examples (one emulator serves the whole file).
  const vars: Vars = { ...base, ...(file.tenant === "b2c" ? b2cVars : {}), uniq: `u${++uniq}` };
  for (const s of ex.setup) {
    const r = await send(t, token, s, vars);
    if (r.status >= 300 && s.allowFailure !== true)
      return [
        `setup ${s.method} ${substitute(s.url, vars)}: ${r.status} ${r.json?.error?.message ?? ""}`.trim(),
      ];
    if (s.as !== undefined) vars[s.as] = r.json ?? r.text;
  }
  return compare(substitute(ex.response, vars), await send(t, token, ex.request, vars));
}

for (const file of fixtures) {
  describe(`${file.area} (${file.group})`, () => {
    for (const ex of file.examples) {
      it(`${ex.request.method} ${ex.request.url}: ${ex.name}`, async () => {
        const problems = await replay(file, ex);
        results.push({ file, example: ex, problems });
        if (ex.knownDeviation === undefined)
          expect(problems.join("; "), `documented at ${ex.source}`).toBe("");
        else
          expect(
            problems.length,
            `answers as documented now: remove knownDeviation "${ex.knownDeviation}" from fixtures/${file.file}`,
          ).toBeGreaterThan(0);
      });
    }
  });
}

/**
 * Routes the emulator serves that no reference page shows an example of, with where they come from.
 * Everything else must be replayed by at least one documented example.
 */
const UNDOCUMENTED: Readonly<Record<string, string>> = {
  "PUT /organization/{orgId}/branding/{stream}":
    "default-locale stream upload without /localizations/0 (the pages use /localizations/0/{stream})",
  "PATCH /organization/{orgId}/branding/{stream}": "as above, PATCH form",
  "GET /organization/{orgId}/branding/{stream}": "as above, GET form",
  "POST /customAuthenticationExtensions/validateAuthenticationConfiguration":
    "alias without /identity; the page documents /identity/customAuthenticationExtensions/…",
  "GET /identity/authenticationEventListeners/{id}/{listenerCast}/handler/{handlerCast}/customExtension/$ref":
    "the handler's extension reference, read by ciamkit; no page example",
  "PUT /identity/authenticationEventListeners/{id}/{listenerCast}/handler/{handlerCast}/customExtension/$ref":
    "the handler's extension reference, written by ciamkit; no page example",
  "GET /trustFramework/policies/{id}": "the policy entity without $value; the page documents /$value",
};

describe("coverage of the served routes", () => {
  it("every Graph route the emulator serves is replayed by a documented example (or listed as undocumented)", () => {
    const reached = new Set<string>();
    for (const r of fixtures.flatMap((f) => f.examples.flatMap((e) => [...e.setup, e.request]))) {
      const [, version, ...rest] = r.url
        .replace(/\{[^}]+\}/g, "x")
        .replace(/\?.*$/, "")
        .split("/");
      const routes = routesFor(graphRoutes, version as GraphVersion);
      const route = matchRoute(routes, r.method, `/${rest.join("/")}`).match?.route;
      if (route !== undefined) reached.add(`${route.method} ${route.path}`);
    }
    const unreached = graphRoutes
      .map((r) => `${r.method} ${r.path}`)
      .filter((key) => !reached.has(key) && UNDOCUMENTED[key] === undefined);
    expect(unreached).toEqual([]);
    // An undocumented route that an example now reaches should leave the list.
    expect(Object.keys(UNDOCUMENTED).filter((key) => reached.has(key))).toEqual([]);
  });
});

function printSummary(): void {
  const rows = new Map<string, { group: string; total: number; pass: number }>();
  for (const r of results) {
    const row = rows.get(r.file.area) ?? { group: r.file.group, total: 0, pass: 0 };
    row.total++;
    if (r.problems.length === 0) row.pass++;
    rows.set(r.file.area, row);
  }
  if (rows.size === 0) return;
  const pct = (p: number, n: number) => `${n === 0 ? 0 : Math.round((100 * p) / n)} %`;
  const lines = [
    "| area | group | documented examples | as documented | pass |",
    "| --- | --- | ---: | ---: | ---: |",
  ];
  const groups = new Map<string, { total: number; pass: number }>();
  for (const [area, row] of rows) {
    lines.push(`| ${area} | ${row.group} | ${row.total} | ${row.pass} | ${pct(row.pass, row.total)} |`);
    const g = groups.get(row.group) ?? { total: 0, pass: 0 };
    g.total += row.total;
    g.pass += row.pass;
    groups.set(row.group, g);
  }
  for (const [group, g] of groups)
    lines.push(`| **all ${group}** | | ${g.total} | ${g.pass} | ${pct(g.pass, g.total)} |`);
  console.log(`Graph reference replay, pass figures per area:\n${lines.join("\n")}`);
  // CONFORMANCE_DETAILS=1 lists every example that deviates, with what differs (for whoever fixes them).
  if (process.env.CONFORMANCE_DETAILS === "1")
    for (const r of results.filter((x) => x.problems.length > 0))
      console.log(
        `[${r.file.area}] ${r.example.request.method} ${r.example.request.url} (${r.example.name}): ${r.problems.join("; ")}`,
      );
}
