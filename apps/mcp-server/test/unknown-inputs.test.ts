// A field the tool does not have (`jobTitel`) is refused, naming the field it was probably meant to
// be: dropped in silence, the call would succeed without the change the model asked for.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Backend, connectClient, startBackend, textOf } from "./helpers/harness.ts";

let backend: Backend;
let userId = "";
beforeAll(async () => {
  backend = await startBackend();
  const client = await connectClient(backend);
  const users = await client.callTool({ name: "user_list", arguments: { limit: 1 } });
  userId = (users.structuredContent as { items: { id: string }[] }).items[0]?.id ?? "";
  await client.close();
});
afterAll(async () => {
  await backend.close();
});

const mark = () => backend.emulator.control.monitor.requests().length;
const graphCalls = (since: number) =>
  backend.emulator.control.monitor
    .requests()
    .slice(since)
    .filter((r) => r.service === "graph");

describe("unknown input fields", () => {
  it("a catalog tool refuses a misspelt field and sends nothing", async () => {
    const client = await connectClient(backend);
    const before = mark();
    const result = await client.callTool({
      name: "user_update",
      arguments: { id: userId, jobTitel: "Engineer" },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      "Invalid input for user_update (nothing was sent): jobTitel: not an input field (did you mean jobTitle?). Next: call it again with the fields of its input schema.",
    );
    expect(graphCalls(before)).toEqual([]);
    await client.close();
  });

  it("names the fields there are when none is close", async () => {
    const client = await connectClient(backend);
    const result = await client.callTool({ name: "group_get", arguments: { id: "g1", colour: "red" } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("colour: not an input field (the fields are id)");
    await client.close();
  });

  it("operation_run refuses one in the operation's input, and a meta-tool one in its own", async () => {
    const client = await connectClient(backend, { discovery: true });
    const before = mark();
    const run = await client.callTool({
      name: "operation_run",
      arguments: { name: "user_update", input: { id: userId, jobTitel: "Engineer" } },
    });
    expect(run.isError).toBe(true);
    expect(textOf(run)).toContain("jobTitel: not an input field (did you mean jobTitle?)");
    const search = await client.callTool({ name: "operation_search", arguments: { qeury: "users" } });
    expect(search.isError).toBe(true);
    expect(textOf(search)).toContain("qeury: not an input field (did you mean query?)");
    expect(graphCalls(before)).toEqual([]);
    await client.close();
  });

  it("the right field still works", async () => {
    const client = await connectClient(backend);
    const result = await client.callTool({
      name: "user_update",
      arguments: { id: userId, jobTitle: "Engineer" },
    });
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { jobTitle: string }).jobTitle).toBe("Engineer");
    await client.close();
  });
});
