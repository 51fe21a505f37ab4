import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Progress } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { demoClient } from "./helpers/demo-client.ts";
import { connectClient, useBackend } from "./helpers/harness.ts";

const backend = useBackend();

/** The demo group's id and three users' ids, read through the tools. */
async function seeded(client: Client) {
  const groups = await client.callTool({ name: "group_list", arguments: {} });
  const users = await client.callTool({ name: "user_list", arguments: { limit: 3 } });
  const ids = (r: Record<string, unknown>) =>
    (r.structuredContent as { items: { id: string }[] }).items.map((i) => i.id);
  return { group: ids(groups)[0] as string, users: ids(users) };
}

describe("progress", () => {
  it("reports each step of a bulk operation when the client sends a progress token", async () => {
    const client = await connectClient(backend);
    const { group, users } = await seeded(client);
    const seen: Progress[] = [];
    const result = await client.callTool(
      { name: "group_member_add", arguments: { id: group, memberIds: users } },
      undefined,
      { onprogress: (p) => seen.push(p) },
    );
    expect(result.isError).toBeFalsy();
    expect(seen).toEqual([1, 2, 3].map((n) => ({ progress: n, total: 3, message: "adding members" })));
    await client.close();
  });

  it("sends none without a progress token", async () => {
    const client = await connectClient(backend);
    const { group, users } = await seeded(client);
    const notifications: unknown[] = [];
    client.fallbackNotificationHandler = async (n) => {
      notifications.push(n);
    };
    await client.callTool({
      name: "group_member_add",
      arguments: { id: group, memberIds: users.slice(0, 2) },
    });
    expect(notifications).toEqual([]);
    await client.close();
  });
});

describe("cancellation", () => {
  it("aborts the HTTP request underneath when the client cancels the call", async () => {
    const { emulator } = backend;
    const tenant = emulator.tenants[0];
    if (tenant === undefined) throw new Error("no demo tenant");
    // A Graph request that would take a minute, and a fetch that tells when it started and whether it was aborted.
    emulator.control.faults.configure({
      rules: [{ path: "/users", fault: { kind: "latency", ms: 60_000 } }],
    });
    let startedWith: (signal: AbortSignal) => void = () => {};
    const started = new Promise<AbortSignal>((resolve) => {
      startedWith = resolve;
    });
    const watched = demoClient(emulator, {
      fetch: (input, init) => {
        if (String(input instanceof Request ? input.url : input).includes("/v1.0/users") && init?.signal) {
          startedWith(init.signal);
        }
        return fetch(input, init);
      },
    });
    try {
      const client = await connectClient({ client: watched });
      const controller = new AbortController();
      const call = client.callTool({ name: "user_list", arguments: {} }, undefined, {
        signal: controller.signal,
      });
      const signal = await started;
      expect(signal.aborted).toBe(false);
      controller.abort("the user pressed stop");
      await expect(call).rejects.toThrow(/stop/);
      await expect.poll(() => signal.aborted).toBe(true);
      await client.close();
    } finally {
      emulator.control.faults.configure({ rules: [] });
      await watched.close();
    }
  });
});
