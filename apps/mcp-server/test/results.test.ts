import { LoggingMessageNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { MAX_TEXT_LENGTH } from "../src/tools/compact.ts";
import { demoClient } from "./helpers/demo-client.ts";
import { connectClient, textOf, useBackend, useClient } from "./helpers/harness.ts";

const backend = useBackend();
const client = useClient(backend);

type Page = { items: { id: string; displayName?: string }[]; nextCursor?: string };

/** True when some property anywhere in the value is null. */
const hasNull = (value: unknown): boolean =>
  value === null || (typeof value === "object" && Object.values(value as object).some(hasNull));

describe("context economy", () => {
  it("returns one bounded page and a cursor that continues where it stopped", async () => {
    const first = await client.callTool({ name: "user_list", arguments: { limit: 2 } });
    const page1 = first.structuredContent as Page;
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).toBeTypeOf("string");
    expect(textOf(first)).toMatch(/^2 items; more exist: call again with cursor set to nextCursor\./);
    const second = await client.callTool({
      name: "user_list",
      arguments: { limit: 2, cursor: page1.nextCursor },
    });
    const page2 = second.structuredContent as Page;
    expect(page2.items.length).toBeGreaterThan(0);
    expect(page2.items.map((u) => u.id)).not.toContain(page1.items[0]?.id);
  });

  it("hands out a short cursor, not Graph's next link", async () => {
    const first = await client.callTool({ name: "user_list", arguments: { limit: 2 } });
    const cursor = (first.structuredContent as Page).nextCursor ?? "";
    expect(cursor).toMatch(/^c_[\w-]{8}$/);
    expect(textOf(first)).not.toMatch(/skiptoken|https:/i);
    // The same cursor may be used again (a model retrying a page) and gives the same page.
    const again = async () =>
      (
        (await client.callTool({ name: "user_list", arguments: { limit: 2, cursor } }))
          .structuredContent as Page
      ).items;
    expect((await again()).map((u) => u.id)).toEqual((await again()).map((u) => u.id));
  });

  it.each([
    ["a cursor this server never gave", "user_list", () => "c_AAAAAAAA"],
    ["core's own cursor", "user_list", () => "https://graph.microsoft.com/v1.0/users?$skiptoken=x"],
    [
      "another tool's cursor",
      "group_list",
      async () => {
        const page = await client.callTool({ name: "user_list", arguments: { limit: 1 } });
        return (page.structuredContent as Page).nextCursor ?? "";
      },
    ],
  ])("refuses %s, telling the model to list again", async (_, name, cursor) => {
    const before = backend.emulator.control.monitor.requests().length;
    const result = await client.callTool({ name, arguments: { cursor: await cursor() } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      new RegExp(
        `^Unknown or expired cursor for ${name} \\(nothing was sent\\).*Next: call ${name} again without cursor`,
      ),
    );
    const graph = backend.emulator.control.monitor
      .requests()
      .slice(before)
      .filter((r) => r.service === "graph");
    expect(graph.every((r) => r.path.startsWith("/v1.0/users"))).toBe(true);
  });

  it("refuses a page larger than the MCP cap before calling the tenant", async () => {
    const result = await client.callTool({ name: "user_list", arguments: { limit: 500 } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/Invalid input for user_list \(nothing was sent\): limit: .*100/);
  });

  it("drops null properties and empty lists from results", async () => {
    const result = await client.callTool({ name: "user_list", arguments: {} });
    const page = result.structuredContent as { items: Record<string, unknown>[] };
    expect(page.items.length).toBeGreaterThan(1);
    expect(hasNull(page)).toBe(false);
    for (const user of page.items) expect(user.businessPhones).toBeUndefined();
    expect(textOf(result)).not.toMatch(/: null$|\[\]$/m);
  });

  it("cuts long text with a note saying where and how long it was", async () => {
    const description = "A very long group description. ".repeat(30).trim();
    const created = await client.callTool({
      name: "group_create",
      arguments: { displayName: "Long", description },
    });
    const group = created.structuredContent as { id: string; description: string };
    expect(group.description).toBe(`${description.slice(0, MAX_TEXT_LENGTH)}…`);
    expect(textOf(created)).toContain(
      `Note: description was cut to ${MAX_TEXT_LENGTH} of ${description.length} characters; get the object by id for the full text.`,
    );
  });
});

describe("errors a model can act on", () => {
  it("a missing object: Graph's code, the request ids, and what to do", async () => {
    const result = await client.callTool({
      name: "user_get",
      arguments: { id: "nobody@contoso.onmicrosoft.com" },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /^Graph error Request_ResourceNotFound \(HTTP 404\): .*\nIds for a support ticket: request-id [0-9a-f-]{36}, client-request-id [0-9a-f-]{36}\.\nNext: check the id/s,
    );
    // The advice is given once, on the Next line, not also appended to Graph's message; nobody created
    // this object moments ago, so replication lag is not suggested.
    expect(textOf(result).match(/check the id/g)).toHaveLength(1);
    expect(textOf(result)).not.toMatch(/replicat/);
  });

  it("a trust framework call on the external tenant: the tenant kind, not a grant, is the cause", async () => {
    const result = await client.callTool({ name: "trust_framework_policy_list", arguments: {} });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toMatch(/^Graph error AADB2C \(HTTP 403\)/);
    expect(text).toContain("The cause is the tenant's kind, not a permission");
    expect(text).toMatch(/Next: do not ask for a permission grant/);
    expect(text).not.toContain("ciam app grant");
  });

  it("a missing permission: which permission and how to grant it", async () => {
    const { emulator } = backend;
    const tenant = emulator.tenants[0];
    if (tenant === undefined) throw new Error("no demo tenant");
    // An admin takes the audit-log permission away (destructive: allowed for this client).
    const admin = await connectClient(backend, { allowDestructive: true });
    const revoked = await admin.callTool({
      name: "app_revoke",
      arguments: { appId: tenant.clientId, permission: "AuditLog.Read.All" },
    });
    expect(revoked.structuredContent).toMatchObject({ revoked: true });
    await admin.close();
    // A new client, so the next token carries the app's roles as they are now.
    const fresh = demoClient(emulator);
    try {
      const restricted = await connectClient({ client: fresh });
      const result = await restricted.callTool({ name: "audit_log_directory_list", arguments: {} });
      expect(result.isError).toBe(true);
      const text = textOf(result);
      expect(text).toMatch(/^Graph error \S+ \(HTTP 403\)/);
      expect(text).toMatch(/request-id [0-9a-f-]{36}/);
      expect(text).toMatch(/Next: grant AuditLog\.Read\.All to the app ciam-mcp signs in as/);
      expect(text).toContain("ciam app grant --permission AuditLog.Read.All");
      await restricted.close();
    } finally {
      await fresh.close();
    }
  });
});

describe("logging", () => {
  it("tells a client that asked for logs which call failed, with the request id and no arguments", async () => {
    const logs: unknown[] = [];
    const listening = await connectClient(backend);
    listening.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
      logs.push(n.params);
    });
    await listening.setLoggingLevel("warning");
    await listening.callTool({
      name: "user_get",
      arguments: { id: "secret-looking-id@contoso.onmicrosoft.com" },
    });
    expect(logs).toEqual([
      {
        level: "warning",
        logger: "ciam-mcp",
        data: expect.stringMatching(
          /^user_get failed: NotFoundError Request_ResourceNotFound request-id [0-9a-f-]{36}$/,
        ),
      },
    ]);
    await listening.close();
  });
});
