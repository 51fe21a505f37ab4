import { getUserFlowOperation } from "@ciamkit/core";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { ElicitRequestSchema, type ElicitResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Backend, connectClient, startBackend, textOf } from "./helpers/harness.ts";

// user_flow_update and user_flow_setup replace a flow's providers and apps ("exactly these"), so they
// can unlink what the destructive *_remove tools do: they ask the user the same way, naming each link.

let backend: Backend;
let shopApp: string;
let kioskApp: string;
beforeAll(async () => {
  backend = await startBackend();
  const client = await connectClient(backend);
  const app = async (displayName: string) => {
    const result = await client.callTool({ name: "app_create", arguments: { displayName } });
    return (result.structuredContent as { appId: string }).appId;
  };
  shopApp = await app("Shop");
  kioskApp = await app("Kiosk");
  const setup = await client.callTool({
    name: "user_flow_setup",
    arguments: { displayName: "Shop sign-up", applications: [shopApp, kioskApp] },
  });
  if (setup.isError === true) throw new Error(textOf(setup));
  await client.close();
});
afterAll(async () => {
  await backend.close();
});

const mark = () => backend.emulator.control.monitor.requests().length;
const graphWrites = (since: number) =>
  backend.emulator.control.monitor
    .requests()
    .slice(since)
    .filter((r) => r.service === "graph" && r.method !== "GET");

async function linkedApps(): Promise<string[]> {
  const flow = await backend.client.run(getUserFlowOperation, { flow: "Shop sign-up" });
  return flow.applications;
}

/** A client that can elicit, answering every question with `answer`, and the messages it was shown. */
async function elicitingClient(answer: ElicitResult) {
  const shown: string[] = [];
  const client: Client = await connectClient(backend, {}, { capabilities: { elicitation: {} } });
  client.setRequestHandler(ElicitRequestSchema, (request) => {
    shown.push(request.params.message);
    return answer;
  });
  return { client, shown };
}

const dropKiosk = () => ({
  name: "user_flow_update",
  arguments: { flow: "Shop sign-up", applications: [shopApp] },
});

describe("writes that unlink", () => {
  it.each([
    ["declined", { action: "decline" }],
    ["cancelled", { action: "cancel" }],
    ["declined", { action: "accept", content: { confirm: false } }],
  ] as const)("a %s question changes nothing (%j)", async (word, answer) => {
    const { client, shown } = await elicitingClient(answer as ElicitResult);
    const before = mark();
    const result = await client.callTool(dropKiosk());
    expect(shown).toEqual([
      `user_flow_update will remove application ${kioskApp} from 'Shop sign-up'. Continue?`,
    ]);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(`the user ${word} removing application ${kioskApp}`);
    expect(textOf(result)).toContain("Nothing was changed.");
    expect(graphWrites(before)).toEqual([]);
    expect(await linkedApps()).toEqual(expect.arrayContaining([shopApp, kioskApp]));
    await client.close();
  });

  it("is refused when the client cannot ask, unless the server allows destructive tools", async () => {
    const plain = await connectClient(backend);
    const before = mark();
    const refused = await plain.callTool({
      name: "user_flow_setup",
      arguments: { displayName: "Shop sign-up", applications: [shopApp] },
    });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(
      new RegExp(
        `Refused: user_flow_setup would remove application ${kioskApp} from 'Shop sign-up'.*--allow-destructive`,
        "s",
      ),
    );
    expect(graphWrites(before)).toEqual([]);
    await plain.close();
    const allowed = await connectClient(backend, { allowDestructive: true });
    const result = await allowed.callTool({
      name: "user_flow_setup",
      arguments: { displayName: "Shop sign-up", applications: [shopApp] },
    });
    expect(result.isError, textOf(result)).toBeUndefined();
    expect(await linkedApps()).toEqual([shopApp]);
    await allowed.close();
  });

  it("asks nothing when the write only adds, and runs once the user accepts", async () => {
    const { client, shown } = await elicitingClient({ action: "accept", content: { confirm: true } });
    const added = await client.callTool({
      name: "user_flow_update",
      arguments: { flow: "Shop sign-up", applications: [shopApp, kioskApp] },
    });
    expect(added.isError, textOf(added)).toBeUndefined();
    expect(shown).toEqual([]);
    const removed = await client.callTool(dropKiosk());
    expect(removed.isError, textOf(removed)).toBeUndefined();
    expect(shown).toHaveLength(1);
    expect(await linkedApps()).toEqual([shopApp]);
    await client.close();
  });
});
