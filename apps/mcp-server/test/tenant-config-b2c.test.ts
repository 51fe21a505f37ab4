// biome-ignore-all lint/suspicious/noTemplateCurlyInString: policies are written with ${tenant}
// The config tools on an Azure AD B2C tenant: custom policies passed inline (never a path), planned
// base first, applied, converged, exported with ${tenant}; XML that is not well formed refused.
import type { CiamClient } from "@ciamkit/core";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { b2cDemoClient } from "./helpers/demo-client.ts";
import { type Backend, connectClient, startBackend, textOf } from "./helpers/harness.ts";

let backend: Backend;
let b2c: CiamClient;
let client: Client;
beforeAll(async () => {
  backend = await startBackend();
  b2c = b2cDemoClient(backend.emulator);
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
/** Calls a tool that must succeed; its structured result. */
async function call<T>(name: string, args: Record<string, unknown>): Promise<T> {
  const result = await client.callTool({ name, arguments: args });
  expect(result.isError, textOf(result)).not.toBe(true);
  return result.structuredContent as T;
}

describe("config tools on a B2C tenant", () => {
  it("plan inline policies base first, apply with the stateHash, an empty plan, export with ${tenant}", async () => {
    const spec = {
      trustFrameworkPolicies: {
        B2C_1A_signup_signin: { xml: policy("B2C_1A_signup_signin", "B2C_1A_Base") },
        B2C_1A_Base: { xml: policy("B2C_1A_Base") },
      },
      trustFrameworkKeySets: { B2C_1A_TokenSigningKeyContainer: { use: "sig", kty: "RSA" } },
    };
    const plan = await call<Plan>("config_plan", { spec });
    expect(plan.changes.map((c) => `${c.action} ${c.name}`)).toEqual([
      "create B2C_1A_TokenSigningKeyContainer",
      "create B2C_1A_Base",
      "create B2C_1A_signup_signin",
    ]);
    await call("config_apply", { spec, stateHash: plan.stateHash });
    expect((await call<Plan>("config_plan", { spec })).changes).toEqual([]);
    const exported = await call<{ spec: { trustFrameworkPolicies: Record<string, { xml: string }> } }>(
      "config_export",
      {},
    );
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
