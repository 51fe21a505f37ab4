// biome-ignore-all lint/suspicious/noTemplateCurlyInString: policies are written with ${tenant}
// The config tools on an Azure AD B2C tenant: custom policies passed inline (never a path), planned
// base first, applied, converged, exported with ${tenant}; XML that is not well formed refused.
import { type CiamClient, clientSecretCredential, createCiamClient } from "@ciamkit/core";
import { b2cDemoConnection } from "@ciamkit/emulator";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorCloud } from "./helpers/demo-client.ts";
import { type Backend, connectClient, startBackend, textOf } from "./helpers/harness.ts";

let backend: Backend;
let b2c: CiamClient;
let client: Client;
beforeAll(async () => {
  backend = await startBackend();
  const conn = b2cDemoConnection(backend.emulator.store, backend.emulator.loginUrl);
  if (conn === undefined) throw new Error("the emulator seeded no B2C tenant");
  const cloud = emulatorCloud(backend.emulator);
  b2c = createCiamClient({
    credential: clientSecretCredential({
      tenantId: conn.tenantId,
      clientId: conn.clientId,
      clientSecret: conn.clientSecret,
      cloud,
    }),
    tenantId: conn.tenantId,
    cloud,
  });
  client = await connectClient({ client: b2c }, {}, { capabilities: { elicitation: {} } });
  client.setRequestHandler(ElicitRequestSchema, () => ({ action: "accept", content: { confirm: true } }));
});
afterAll(async () => {
  await client?.close();
  await b2c?.close();
  await backend?.close();
});

const policy = (id: string, base?: string) =>
  `<TrustFrameworkPolicy xmlns="http://schemas.microsoft.com/online/cpim/schemas/2013/06" PolicySchemaVersion="0.3.0.0" TenantId="\${tenant}" PolicyId="${id}">${
    base === undefined
      ? ""
      : `<BasePolicy><TenantId>\${tenant}</TenantId><PolicyId>${base}</PolicyId></BasePolicy>`
  }</TrustFrameworkPolicy>`;
type Plan = { changes: { action: string; kind: string; name: string }[]; stateHash: string };

describe("config tools on a B2C tenant", () => {
  it("plan inline policies base first, apply with the stateHash, an empty plan, export with ${tenant}", async () => {
    const spec = {
      trustFrameworkPolicies: {
        B2C_1A_signup_signin: { xml: policy("B2C_1A_signup_signin", "B2C_1A_Base") },
        B2C_1A_Base: { xml: policy("B2C_1A_Base") },
      },
      trustFrameworkKeySets: { B2C_1A_TokenSigningKeyContainer: { use: "sig", kty: "RSA" } },
    };
    const planned = await client.callTool({ name: "config_plan", arguments: { spec } });
    expect(planned.isError, textOf(planned)).not.toBe(true);
    const plan = planned.structuredContent as Plan;
    expect(plan.changes.map((c) => `${c.action} ${c.name}`)).toEqual([
      "create B2C_1A_TokenSigningKeyContainer",
      "create B2C_1A_Base",
      "create B2C_1A_signup_signin",
    ]);
    const applied = await client.callTool({
      name: "config_apply",
      arguments: { spec, stateHash: plan.stateHash },
    });
    expect(applied.isError, textOf(applied)).not.toBe(true);
    const again = (await client.callTool({ name: "config_plan", arguments: { spec } }))
      .structuredContent as Plan;
    expect(again.changes).toEqual([]);
    const exported = (await client.callTool({ name: "config_export", arguments: {} })).structuredContent as {
      spec: { trustFrameworkPolicies: Record<string, { xml: string }> };
    };
    expect(exported.spec.trustFrameworkPolicies.B2C_1A_Base?.xml).toContain('TenantId="${tenant}"');
  });

  it("refuses XML that is not well formed, naming the policy and the line of the XML", async () => {
    const result = await client.callTool({
      name: "config_plan",
      arguments: {
        spec: { trustFrameworkPolicies: { B2C_1A_Bad: { xml: "<TrustFrameworkPolicy>\n<a></b>" } } },
      },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /trustFrameworkPolicies\.B2C_1A_Bad\.xml: not well-formed XML: .*\(line 2 of the XML\)/,
    );
  });
});
