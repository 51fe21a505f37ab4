import { verifySecret } from "@ciamkit/emulator";
import { describe, expect, it } from "vitest";
import { callTool } from "./helpers/call-tool.ts";
import { records, snapshotOverHttp } from "./helpers/control-api.ts";
import { textOf, useBackend, useClient } from "./helpers/harness.ts";

const backend = useBackend();
const client = useClient(backend);

/** Calls a tool as a model would; fails the test on an isError result. */
const call = (name: string, args: Record<string, unknown>) => callTool(client, name, args);

describe("customer account tools over MCP", () => {
  it("user_password_reset returns a generated password once, as a secret, and it is the one set", async () => {
    const user = await call("user_create", { displayName: "Mcp Reset", signInName: "mcp.reset@example.com" });
    const result = await client.callTool({ name: "user_password_reset", arguments: { id: user.id } });
    expect(result.isError).not.toBe(true);
    const { password } = result.structuredContent as { password: string };
    expect(textOf(result)).toContain("password is a secret shown only this once");
    const state = await snapshotOverHttp(backend.emulator);
    const hashes = records(state, backend.tenantId, "_userPasswords");
    expect(hashes.some((h) => verifySecret(password, h as never))).toBe(true);
  });

  it("group_member_add takes a sign-in name and owner: true; user_update takes revokeSessions", async () => {
    const user = await call("user_create", { displayName: "Mcp Owner", signInName: "mcp.owner@example.com" });
    const group = await call("group_create", { displayName: "Mcp owned" });
    expect(
      await call("group_member_add", { id: group.id, memberIds: ["mcp.owner@example.com"], owner: true }),
    ).toEqual({ results: [{ memberId: user.id, status: "added" }] });
    const owners = await call("group_member_list", { id: group.id, owner: true });
    expect((owners.items as { id: string }[]).map((o) => o.id)).toEqual([user.id]);
    expect(await call("user_update", { id: user.id, revokeSessions: true })).toMatchObject({ id: user.id });
  });
});
