import { describe, expect, it } from "vitest";
import { textOf, useBackend, useElicitingClient } from "./helpers/harness.ts";

const backend = useBackend();
const { client } = useElicitingClient(backend, { action: "accept", content: { confirm: true } });

const spec = {
  userFlowAttributes: { midwayTier: { dataType: "string" } },
  groups: { "Midway Alpha": {}, "Midway Beta": {} },
};
type Plan = { changes: { action: string; kind: string; name: string }[] };

describe("config_apply failing mid-way", () => {
  it("is an isError result naming what was applied, the change that failed with its ids, and what was not run", async () => {
    backend.emulator.control.faults.configure({
      rules: [{ method: "POST", path: "/groups", fault: { kind: "error", status: 500 }, times: 1 }],
    });
    const result = await client.callTool({ name: "config_apply", arguments: { spec } });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain(
      "Apply stopped part-way: applied 1 of 3 changes (create userFlowAttributes 'midwayTier').\nFailed: create groups 'Midway Alpha'.\nNot run: create groups 'Midway Beta'.\nGraph error InternalServerError (HTTP 500)",
    );
    expect(text).toMatch(/Ids for a support ticket: request-id [\w-]+/);
    expect(text).toMatch(/\nThen: call config_plan to see what remains; config_apply completes it\.$/);

    const rest = (await client.callTool({ name: "config_plan", arguments: { spec } }))
      .structuredContent as Plan;
    expect(rest.changes.map((c) => `${c.action} ${c.kind} ${c.name}`)).toEqual([
      "create groups Midway Alpha",
      "create groups Midway Beta",
    ]);
    const again = await client.callTool({ name: "config_apply", arguments: { spec } });
    expect(again.isError, textOf(again)).not.toBe(true);
    const last = (await client.callTool({ name: "config_plan", arguments: { spec } }))
      .structuredContent as Plan;
    expect(last.changes).toEqual([]);
  });
});
