import { describe, expect, it } from "vitest";
import { textOf, useBackend, useElicitingClient } from "./helpers/harness.ts";

const backend = useBackend();
const { client, shown } = useElicitingClient(backend, { action: "accept", content: { confirm: true } });

const spec = {
  userFlowAttributes: { Tier: { dataType: "string", description: "Loyalty tier" } },
  groups: { "Gold members": { description: "Tier gold" } },
  userFlows: {
    "Members sign-up": {
      identityProviders: ["EmailPassword-OAUTH"],
      page: { views: [{ inputs: [{ attribute: "email", label: "Email" }, { attribute: "Tier" }] }] },
    },
  },
};
type Plan = { changes: { action: string; kind: string; name: string }[]; stateHash: string };

describe("config tools", () => {
  it("offer no folder or values path: the spec is inline", async () => {
    const tools = (await client.listTools()).tools.filter((t) => t.name.startsWith("config_"));
    expect(tools.map((t) => t.name)).toEqual(["config_export", "config_plan", "config_apply"]);
    for (const tool of tools) {
      const properties = Object.keys(tool.inputSchema.properties ?? {});
      expect(properties).not.toContain("dir");
      expect(properties).not.toContain("values");
      expect(properties).not.toContain("detailedExitcode");
    }
    const refused = await client.callTool({ name: "config_plan", arguments: { dir: "/etc" } });
    expect(refused.isError).toBe(true);
  });

  it("plan, apply with the plan's stateHash, then an empty plan; export gives the spec back by name", async () => {
    const planned = await client.callTool({ name: "config_plan", arguments: { spec } });
    expect(planned.isError, textOf(planned)).not.toBe(true);
    const plan = planned.structuredContent as Plan;
    expect(plan.changes.map((c) => `${c.action} ${c.kind} ${c.name}`)).toEqual([
      "create userFlowAttributes Tier",
      "create groups Gold members",
      "create userFlows Members sign-up",
    ]);
    const applied = await client.callTool({
      name: "config_apply",
      arguments: { spec, stateHash: plan.stateHash },
    });
    expect(applied.isError, textOf(applied)).not.toBe(true);
    const again = (await client.callTool({ name: "config_plan", arguments: { spec } }))
      .structuredContent as Plan;
    expect(again.changes).toEqual([]);
    const exported = await client.callTool({ name: "config_export", arguments: { kinds: ["userFlows"] } });
    const flows = (
      exported.structuredContent as { spec: { userFlows: Record<string, { attributes: string[] }> } }
    ).spec.userFlows;
    expect(flows["Members sign-up"]?.attributes).toEqual(["email", "Tier"]);
  });

  it("refuses a plan made on a state the tenant has left, changing nothing", async () => {
    const next = { ...spec, groups: { ...spec.groups, Silver: {} } };
    const plan = (await client.callTool({ name: "config_plan", arguments: { spec: next } }))
      .structuredContent as Plan;
    // Someone changes the tenant between plan and apply.
    await client.callTool({ name: "group_create", arguments: { displayName: "Bronze" } });
    const before = backend.emulator.control.monitor.requests().length;
    const result = await client.callTool({
      name: "config_apply",
      arguments: { spec: next, stateHash: plan.stateHash },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/changed since the plan/);
    const writes = backend.emulator.control.monitor
      .requests()
      .slice(before)
      .filter((r) => r.service === "graph" && r.method !== "GET" && !r.path.endsWith("/$batch"));
    expect(writes).toEqual([]);
  });

  it("prune asks before deleting, naming each object", async () => {
    shown.length = 0;
    const result = await client.callTool({
      name: "config_apply",
      arguments: { spec: { groups: { "Gold members": { description: "Tier gold" } } }, prune: true },
    });
    expect(result.isError, textOf(result)).not.toBe(true);
    // The question is the plan, with the delete listed and called out.
    expect(
      shown.some((m) => m.includes("  - groups 'Bronze'") && /! 2 to delete .*groups 'Bronze'/.test(m)),
    ).toBe(true);
  });

  it("refuses a clear-text secret in an inline spec, naming its path and not its value", async () => {
    const result = await client.callTool({
      name: "config_plan",
      arguments: {
        spec: {
          identityProviders: {
            "Google-OAUTH": {
              kind: "social",
              identityProviderType: "Google",
              clientId: "x",
              clientSecret: "s3cr3t-value",
            },
          },
        },
      },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("identityProviders.Google-OAUTH.clientSecret");
    expect(textOf(result)).not.toContain("s3cr3t-value");
  });
});
