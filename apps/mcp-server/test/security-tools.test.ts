import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { ElicitRequestSchema, type ElicitResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Backend, connectClient, startBackend, textOf } from "./helpers/harness.ts";

// The security toolset as a model uses it: require MFA for an app by name, report-only first, and a
// deletion the user confirms.

let backend: Backend;
let shopApp: string;
beforeAll(async () => {
  backend = await startBackend();
  const client = await connectClient(backend, { toolsets: ["apps"] });
  const created = await client.callTool({ name: "app_create", arguments: { displayName: "Shop" } });
  shopApp = (created.structuredContent as { appId: string }).appId;
  await client.close();
});
afterAll(async () => {
  await backend.close();
});

async function elicitingClient(answer: ElicitResult) {
  const shown: string[] = [];
  const client: Client = await connectClient(
    backend,
    { toolsets: ["security"] },
    { capabilities: { elicitation: {} } },
  );
  client.setRequestHandler(ElicitRequestSchema, (request) => {
    shown.push(request.params.message);
    return answer;
  });
  return { client, shown };
}

describe("security tools", () => {
  it("--toolsets security lists exactly the area's tools", async () => {
    const { client } = await elicitingClient({ action: "decline" });
    const names = (await client.listTools()).tools.map((t) => t.name).sort();
    expect(names).toEqual([
      "security_auth_method_list",
      "security_auth_method_set",
      "security_ca_create",
      "security_ca_delete",
      "security_ca_get",
      "security_ca_list",
      "security_ca_update",
      "security_mfa_require",
    ]);
    await client.close();
  });

  it("mfa_require report-only for an app by name; ca_delete runs only once the user confirms", async () => {
    const { client, shown } = await elicitingClient({ action: "decline" });
    const required = await client.callTool({
      name: "security_mfa_require",
      arguments: { apps: ["Shop"], reportOnly: true },
    });
    expect(required.isError, textOf(required)).not.toBe(true);
    const policy = (required.structuredContent as { policy: { id: string; state: string; appIds: string[] } })
      .policy;
    expect(policy).toMatchObject({ state: "enabledForReportingButNotEnforced", appIds: [shopApp] });
    const declined = await client.callTool({ name: "security_ca_delete", arguments: { id: policy.id } });
    expect(shown).toHaveLength(1);
    expect(textOf(declined)).not.toContain('"deleted": true');
    const list = await client.callTool({ name: "security_ca_list", arguments: {} });
    expect((list.structuredContent as { items: unknown[] }).items).toHaveLength(1);
    await client.close();
    const confirming = await elicitingClient({ action: "accept", content: { confirm: true } });
    const deleted = await confirming.client.callTool({
      name: "security_ca_delete",
      arguments: { id: policy.id },
    });
    expect(deleted.structuredContent).toEqual({ id: policy.id, deleted: true });
    await confirming.client.close();
  });

  it("an app name no registration has is an input error naming what to give", async () => {
    const { client } = await elicitingClient({ action: "decline" });
    const result = await client.callTool({ name: "security_mfa_require", arguments: { apps: ["Nowhere"] } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('No app registration is named "Nowhere"');
    await client.close();
  });
});
