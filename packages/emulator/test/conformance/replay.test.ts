import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRAPH_APP_ID } from "../../src/graph/entities/graph-service-principal.ts";
import { graphTypes } from "../../src/graph/entities/graph-types.generated.ts";
import { b2cDemoConnection } from "../../src/seed/b2c-seed.ts";
import { DEMO_APP_PERMISSIONS } from "../../src/seed/demo-seed.ts";
import { deviceCodeToken } from "../helpers/arm.ts";
import { pkcs12File, proofToken, selfSignedCertificate } from "../helpers/certificate.ts";
import { type CsdlModel, graphMetadataPath, readCsdl } from "../helpers/csdl.ts";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator.ts";
import { appWith, tokenFor } from "../helpers/graph-calls.ts";
import { printSummary, type Result, unreachedRoutes } from "./coverage.ts";
import { checkServedEntity } from "./csdl-shape.ts";
import { type Example, type FixtureFile, loadFixtures } from "./fixture.ts";
import { type Answer, compare, send, substitute, type Vars } from "./replay.ts";

/**
 * Replays the request/response pairs of Microsoft's Graph reference pages (fixtures/*.yaml, one file
 * per area) against one in-process emulator: status, `@odata.context` and the documented property
 * names. An example with `knownDeviation` must still deviate: when it starts to conform, the test
 * fails and asks for the marker to go. Prints the pass figures per area (docs/emulator.md).
 */
const fixtures = loadFixtures();
const results: Result[] = [];
/** Microsoft's v1.0 CSDL, when ../shared (or $CIAMKIT_SHARED_DIR) has it: then served values are checked against it. */
const metadata = graphMetadataPath();
const NO_METADATA =
  "skipped: Microsoft's Graph metadata (../shared/graph-metadata/v1.0.csdl.xml or $CIAMKIT_SHARED_DIR) is absent";
let model: CsdlModel | undefined;
const csdlProblems = new Map<string, string[]>();
const csdlChecked = new Set<string>();

let t: TestEmulator;
const tokens: Record<FixtureFile["tenant"], string> = { demo: "", b2c: "" };
/** The demo admin's delegated token (the CLI's device code sign-in), for `caller: user` files. */
let userToken = "";
const base: Vars = {};
const b2cVars: Vars = {};
let uniq = 0;

beforeAll(async () => {
  if (metadata !== undefined) model = readCsdl(metadata);
  t = await startTestEmulator({ throttling: false });
  const admin = await t.graphToken();
  // The demo management app plus what its seed lacks for the documented calls (grants).
  tokens.demo = (
    await appWith(t, admin, [
      ...new Set([
        ...DEMO_APP_PERMISSIONS,
        "DelegatedPermissionGrant.ReadWrite.All",
        "Organization.ReadWrite.All",
      ]),
    ])
  ).token;
  userToken = await deviceCodeToken(
    t,
    t.tenant.adminUser?.userPrincipalName ?? "",
    "https://graph.microsoft.com/.default",
    t.tenant.authority,
    t.tenant.publicClientId,
  );
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
  // The DNS record domains.yaml's verify example finds (the emulator never asks the real DNS).
  t.emu.control.publishDnsTxt("verified.contoso-replay.example");
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
  printSummary(results);
});

/** Runs an example's setup and request; returns what differs from the documented response, and the answer. */
async function replay(file: FixtureFile, ex: Example): Promise<{ problems: string[]; answer?: Answer }> {
  const token = file.caller === "user" ? userToken : tokens[file.tenant];
  // `uniq` keeps names unique across examples (one emulator serves the whole file).
  const vars: Vars = { ...base, ...(file.tenant === "b2c" ? b2cVars : {}), uniq: `u${++uniq}` };
  for (const s of ex.setup) {
    const r = await send(t, token, s, vars);
    if (r.status >= 300 && s.allowFailure !== true) {
      const why = `${r.status} ${r.json?.error?.message ?? ""}`.trim();
      return { problems: [`setup ${s.method} ${substitute(s.url, vars)}: ${why}`] };
    }
    if (s.as !== undefined) vars[s.as] = r.json ?? r.text;
  }
  const answer = await send(t, token, ex.request, vars);
  return { problems: compare(substitute(ex.response, vars), answer), answer };
}

/** Checks what an example returned against the CSDL type its fixture names (each item of a collection). */
function checkCsdl(file: FixtureFile, ex: Example, answer: Answer | undefined): void {
  const type = ex.response.type;
  if (model === undefined || type === undefined || answer?.json === undefined || answer.status >= 300) return;
  const { "@odata.context": _c, "@odata.count": _n, "@odata.nextLink": _l, ...body } = answer.json;
  const items: unknown[] = Array.isArray(body.value) ? body.value : [body];
  const problems = csdlProblems.get(file.area) ?? [];
  for (const [i, item] of items.entries()) {
    const where = `${ex.request.method} ${ex.request.url}${items.length > 1 ? `[${i}]` : ""}`;
    const checked = checkServedEntity(model, type, item, where);
    csdlChecked.add(checked.type).add(type);
    problems.push(...checked.problems);
  }
  csdlProblems.set(file.area, problems);
}

for (const file of fixtures) {
  describe(`${file.area} (${file.group})`, () => {
    for (const ex of file.examples) {
      it(`${ex.request.method} ${ex.request.url}: ${ex.name}`, async () => {
        const { problems, answer } = await replay(file, ex);
        results.push({ file, example: ex, problems });
        checkCsdl(file, ex, answer);
        if (ex.knownDeviation === undefined)
          expect(problems.join("; "), `documented at ${ex.source}`).toBe("");
        else
          expect(
            problems.length,
            `answers as documented now: remove knownDeviation "${ex.knownDeviation}" from fixtures/${file.file}`,
          ).toBeGreaterThan(0);
      });
    }
    // Runs after the area's examples (vitest keeps the order within a describe).
    it.skipIf(metadata === undefined)(
      "returns every entity in its v1.0 CSDL types (property names and kinds)",
      () => {
        // One line per kind of problem (the items of a list repeat theirs).
        const problems = [
          ...new Set((csdlProblems.get(file.area) ?? []).map((p) => p.replace(/\[\d+\]/g, "[]"))),
        ];
        expect(problems.join("\n")).toBe("");
      },
    );
  });
}

describe("coverage", () => {
  it("every Graph route the emulator serves is replayed by a documented example (or listed as undocumented)", () => {
    const { unreached, listedButReached } = unreachedRoutes(fixtures);
    expect(unreached).toEqual([]);
    // An undocumented route that an example now reaches should leave the list.
    expect(listedButReached).toEqual([]);
  });

  it.skipIf(metadata === undefined)(
    "every entity type the emulator serves was checked against the v1.0 CSDL",
    () => {
      const m = model as CsdlModel;
      const served = Object.keys(graphTypes).filter((name) => {
        const type = m.types.get(`microsoft.graph.${name}`);
        return type?.kind === "entity" && !type.abstract;
      });
      // A type no example returns needs an example (or a setup step that creates one for a list).
      expect(served.filter((name) => !csdlChecked.has(name))).toEqual([]);
    },
  );
});

describe.runIf(metadata === undefined)("CSDL checks", () => {
  it.skip(NO_METADATA, () => {});
});
