import { beforeAll, describe, expect, it } from "vitest";
import { connectClient, textOf, useBackend, useClient } from "./helpers/harness.ts";

const backend = useBackend();
const client = useClient(backend);
let userId: string;
beforeAll(async () => {
  const users = await client.callTool({ name: "user_list", arguments: { limit: 1 } });
  userId = (users.structuredContent as { items: { id: string }[] }).items[0]?.id as string;
});

/** The Graph requests sent after `from` (the token service's are not counted). */
const graphCalls = (from: number) =>
  backend.emulator.control.monitor
    .requests()
    .slice(from)
    .filter((r) => r.service === "graph");
const mark = () => backend.emulator.control.monitor.requests().length;

describe("fields a tool does not take are refused, not dropped", () => {
  it("names a misspelt field and sends nothing (the rest of the input is valid)", async () => {
    const before = mark();
    const result = await client.callTool({
      name: "user_update",
      arguments: { id: userId, displayName: "Renamed", jobTitel: "Engineer" },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /^Invalid input for user_update \(nothing was sent\): unknown field "jobTitel"\. Next: .*jobTitle/,
    );
    expect(graphCalls(before)).toEqual([]);
  });

  it("names a nested one by its path", async () => {
    const result = await client.callTool({
      name: "branding_apply",
      arguments: { default: { backgroundColor: "#ffffff", backgroundColr: "#000000" } },
    });
    expect(textOf(result)).toMatch(/unknown field "default\.backgroundColr"/);
  });

  it("refuses them in operation_run's input too", async () => {
    const discovery = await connectClient(backend, { discovery: true });
    const before = mark();
    const result = await discovery.callTool({
      name: "operation_run",
      arguments: { name: "user_update", input: { id: userId, displayName: "Renamed", jobTitel: "Engineer" } },
    });
    expect(textOf(result)).toMatch(
      /Invalid input for user_update \(nothing was sent\): unknown field "jobTitel"/,
    );
    expect(graphCalls(before)).toEqual([]);
    await discovery.close();
  });
});

describe("an error never echoes a huge input back", () => {
  it("cuts a 1 MiB id inside the service's answer and keeps the next step", async () => {
    const result = await client.callTool({ name: "app_get", arguments: { id: "A".repeat(1024 * 1024) } });
    const text = textOf(result);
    expect(result.isError).toBe(true);
    expect(text.length).toBeLessThan(4_000);
    expect(text).toMatch(/\/applications\/A+…\(\d+ more characters\)/);
    expect(text).toMatch(/\nNext: /);
  });
});
