// user_bulk_delete as an MCP tool: offered with inline ids and filter only (no host paths without
// --files-dir), asking through elicitation with the count first; declined deletes nothing, accepted
// deletes exactly the users shown and names user_restore.
import { afterEach, describe, expect, it } from "vitest";
import { textOf, useBackend, useClient, useElicitingClient } from "./helpers/harness.ts";

const backend = useBackend();
const declining = useElicitingClient(backend, { action: "decline" });
const accepting = useElicitingClient(backend, { action: "accept", content: { confirm: true } });
const plain = useClient(backend);
afterEach(() => {
  declining.shown.length = 0;
  accepting.shown.length = 0;
});

/** Users whose sign-in name starts with `prefix`: sign-in name → object id. */
function holders(prefix: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const user of backend.emulator.store.tenant(backend.tenantId)?.collection("users").values() ?? [])
    for (const id of (user.identities ?? []) as { issuerAssignedId?: string }[]) {
      const name = String(id.issuerAssignedId ?? "");
      if (name.startsWith(prefix)) out.set(name, String(user.id));
    }
  return out;
}

async function seed(prefix: string, n: number): Promise<void> {
  const digits = (i: number) => [...String(i)].map((d) => "pqrstuvwxy"[Number(d)]).join("");
  const rows = Array.from({ length: n }, (_, i) => ({
    displayName: `${prefix} ${i + 1}`,
    signInName: `${prefix}${i + 1}@example.com`,
    password: `Zq!9${digits(i + 1)}#kT`,
  }));
  const result = await plain.callTool({ name: "user_import", arguments: { rows } });
  expect(result.isError, textOf(result)).not.toBe(true);
  expect(holders(prefix).size).toBe(n);
}

const deletes = () =>
  backend.emulator.control.monitor
    .requests()
    .filter((r) => r.service === "batch-item" && r.method === "DELETE").length;

describe("user_bulk_delete over MCP", () => {
  it("offers ids and filter inline, and no host path without --files-dir", async () => {
    const { tools } = await plain.listTools();
    const tool = tools.find((t) => t.name === "user_bulk_delete");
    expect(Object.keys(tool?.inputSchema.properties ?? {}).sort()).toEqual([
      "dryRun",
      "expectCount",
      "filter",
      "ids",
    ]);
    expect(tool?.annotations?.destructiveHint).toBe(true);
  });

  it("declined elicitation: the question shows the count, and nothing is deleted", async () => {
    await seed("nope", 4);
    const before = deletes();
    const result = await declining.client.callTool({
      name: "user_bulk_delete",
      arguments: { filter: "startswith(displayName,'nope')" },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/declined.*Nothing was changed/s);
    expect(declining.shown).toHaveLength(1);
    expect(declining.shown[0]).toContain("Delete 4 users (restorable for 30 days with user_restore):");
    expect(holders("nope").size).toBe(4);
    expect(deletes()).toBe(before);
  });

  it("accepted: deletes the ids given, and the result names user_restore", async () => {
    await seed("gone", 5);
    const ids = [...holders("gone").values()];
    const result = await accepting.client.callTool({ name: "user_bulk_delete", arguments: { ids } });
    expect(result.isError, textOf(result)).not.toBe(true);
    expect(result.structuredContent).toMatchObject({ selected: 5, deleted: 5, failed: 0 });
    expect(String((result.structuredContent as { summary: string }).summary)).toContain("user_restore");
    expect(accepting.shown[0]).toContain("Delete 5 users");
    expect(holders("gone").size).toBe(0);
  });

  it("a client that cannot ask is refused, and a dry run needs no question", async () => {
    await seed("quiet", 2);
    const refused = await plain.callTool({
      name: "user_bulk_delete",
      arguments: { filter: "startswith(displayName,'quiet')" },
    });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/cannot ask the user to confirm/);
    const dry = await plain.callTool({
      name: "user_bulk_delete",
      arguments: { filter: "startswith(displayName,'quiet')", dryRun: true },
    });
    expect(dry.isError, textOf(dry)).not.toBe(true);
    expect(dry.structuredContent).toMatchObject({ dryRun: true, selected: 2 });
    expect(holders("quiet").size).toBe(2);
  });
});
