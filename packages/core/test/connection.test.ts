import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningEmulator, startEmulator } from "@ciamkit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listTenantsOperation } from "../src/arm/tenants/index.ts";
import { CredentialConfigurationError, fromEnvironment } from "../src/auth/from-environment.ts";
import { createCiamClient } from "../src/client.ts";
import { CONNECTION_VARIABLES, environmentCloud } from "../src/connection/connection-variables.ts";
import { emulatorConnection, emulatorConnectionVariables } from "../src/connection/emulator-connection.ts";
import { listUsersOperation } from "../src/graph/users/index.ts";
import { connectionCases } from "./helpers/connection-cases.ts";

let emulator: RunningEmulator;
let dir: string;
/** What `ciam emulator start` prints, minus NODE_EXTRA_CA_CERTS: the CA comes from CIAM_CA_FILE alone. */
let printed: Record<string, string>;

beforeAll(async () => {
  emulator = await startEmulator({ throttling: false });
  const tenant = emulator.tenants[0];
  if (tenant === undefined) throw new Error("no demo tenant");
  dir = mkdtempSync(join(tmpdir(), "ciam-connection-"));
  const caFile = join(dir, "ca.pem");
  writeFileSync(caFile, emulator.caCertPem);
  printed = emulatorConnectionVariables(emulator, tenant, caFile) as Record<string, string>;
});

afterAll(async () => {
  await emulator?.stop();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

async function firstUsers(env: Record<string, string>) {
  const { credential, tenantId, cloud } = fromEnvironment({ env });
  const client = createCiamClient({ credential, tenantId, cloud });
  try {
    return await client.run(listUsersOperation, { limit: 2 });
  } finally {
    await client.close();
  }
}

describe("fromEnvironment with the variables `ciam emulator start` prints", () => {
  it("signs in and calls Graph over HTTPS, trusting the CA of CIAM_CA_FILE", async () => {
    const { cloud } = fromEnvironment({ env: printed });
    expect(cloud).toMatchObject({ graphEndpoint: emulator.graphUrl, armEndpoint: emulator.armUrl });
    const listed = await firstUsers(printed);
    expect(listed.items.length).toBeGreaterThan(0);
  });

  it("without CIAM_CA_FILE the emulator's certificate is not trusted", async () => {
    const { CIAM_CA_FILE: _ca, ...rest } = printed;
    await expect(firstUsers(rest)).rejects.toThrow(/Could not reach the token service.*trusted CA/);
  });
});

describe("emulatorConnection", () => {
  it("signs in with the emulator's own tenant record (extra fields are not credential options)", async () => {
    const tenant = emulator.tenants[0];
    if (tenant === undefined) throw new Error("no demo tenant");
    const { client, close } = emulatorConnection(emulator, tenant);
    try {
      expect((await client.run(listUsersOperation, { limit: 2 })).items.length).toBeGreaterThan(0);
    } finally {
      await close();
    }
  });

  it("sends ARM calls as armApp (the workforce manager app) and Graph calls as the tenant's app", async () => {
    const tenant = emulator.tenants[0];
    const w = emulator.workforce;
    if (tenant === undefined || w === undefined) throw new Error("no demo or workforce tenant");
    const list = { subscriptionId: w.subscriptionId, resourceGroup: w.resourceGroup };
    const armApp = { tenantId: w.tenantId, ...w.managementApp };
    const both = emulatorConnection(emulator, tenant, { armApp });
    const graphOnly = emulatorConnection(emulator, tenant);
    try {
      expect((await both.client.run(listTenantsOperation, list)).items).toBeInstanceOf(Array);
      expect((await both.client.run(listUsersOperation, { limit: 2 })).items.length).toBeGreaterThan(0);
      // The demo tenant's app has no Azure role on the workforce subscription.
      await expect(graphOnly.client.run(listTenantsOperation, list)).rejects.toThrow();
    } finally {
      await both.close();
      await graphOnly.close();
    }
  });
});

describe("one list of connection variables", () => {
  it("has one bad case per variable (shared with the ciam and ciam-mcp tests)", () => {
    expect(Object.keys(connectionCases).sort()).toEqual(Object.keys(CONNECTION_VARIABLES).sort());
  });

  it("docs/connecting.md documents each of them, and no other", () => {
    const doc = readFileSync(new URL("../../../docs/connecting.md", import.meta.url), "utf8");
    const rows = [...doc.matchAll(/^\| `([A-Z_]+)` +\|/gm)].map((m) => m[1]);
    expect(rows).toEqual(Object.keys(CONNECTION_VARIABLES));
  });

  it.each(Object.entries(connectionCases))("a bad %s is refused, naming it", (_name, { change, error }) => {
    const env = change(printed, dir);
    expect(() => fromEnvironment({ env })).toThrow(CredentialConfigurationError);
    expect(() => fromEnvironment({ env })).toThrow(error);
  });

  it.each([
    [
      { CIAM_GRAPH_ENDPOINT: "https://graph.example" },
      /CIAM_GRAPH_ENDPOINT is set without AZURE_AUTHORITY_HOST/,
    ],
    [{ CIAM_ARM_ENDPOINT: "https://arm.example" }, /CIAM_ARM_ENDPOINT is set without CIAM_GRAPH_ENDPOINT/],
    [{ CIAM_CA_FILE: "/ca.pem" }, /CIAM_CA_FILE is set without CIAM_GRAPH_ENDPOINT/],
    [
      { AZURE_AUTHORITY_HOST: "https://login.example", CIAM_GRAPH_ENDPOINT: "graph.example" },
      /CIAM_GRAPH_ENDPOINT must be an https URL/,
    ],
  ])("a custom cloud variable without its companions is refused: %o", (env, error) => {
    expect(() => environmentCloud(env)).toThrow(error);
  });

  it("CIAM_ARM_ENDPOINT defaults to CIAM_GRAPH_ENDPOINT", () => {
    expect(
      environmentCloud({
        AZURE_AUTHORITY_HOST: "https://login.example/",
        CIAM_GRAPH_ENDPOINT: "https://g.example/",
      }),
    ).toMatchObject({ authorityHost: "https://login.example", armEndpoint: "https://g.example" });
  });
});
