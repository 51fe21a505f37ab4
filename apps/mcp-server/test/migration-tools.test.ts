import { describe, expect, it } from "vitest";
import { textOf, useBackend, useClient } from "./helpers/harness.ts";

// The migration toolset as a model uses it: JIT set-up with a public certificate given inline (no
// private key ever enters or leaves the server), a rerun that changes nothing, and the status.

const backend = useBackend();
const client = useClient(backend, { toolsets: ["migration"] });

describe("migration tools", () => {
  it("offer no way to pass or receive a private key, nor a path", async () => {
    const tools = (await client.listTools()).tools;
    expect(tools.map((t) => t.name).sort()).toEqual([
      "migration_inventory",
      "migration_jit_setup",
      "migration_status",
      "migration_users",
    ]);
    // Without --files-dir, the user copy's journal and report are not offered either.
    const users = tools.find((t) => t.name === "migration_users");
    expect(Object.keys(users?.inputSchema.properties ?? {})).not.toContain("journalFile");
    expect(Object.keys(users?.inputSchema.properties ?? {})).not.toContain("reportFile");
    const setup = tools.find((t) => t.name === "migration_jit_setup");
    expect(Object.keys(setup?.inputSchema.properties ?? {}).sort()).toEqual([
      "allApps",
      "apps",
      "attribute",
      "certificate",
      "endpoint",
      "rotateKey",
    ]);
    const inventory = tools.find((t) => t.name === "migration_inventory");
    expect(Object.keys(inventory?.inputSchema.properties ?? {})).toEqual(["from"]);
  });

  it("asks for the public certificate when the app has no key, having written nothing", async () => {
    const result = await client.callTool({
      name: "migration_jit_setup",
      arguments: { endpoint: "https://jit.contoso.example/api", allApps: true },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("give certificate");
    const apps = await backend.client.graph.get<{ value: unknown[] }>("/applications", {
      query: { $filter: "displayName eq 'JIT password migration'" },
    });
    expect(apps.value).toEqual([]);
    const printed = await client.callTool({
      name: "migration_jit_setup",
      arguments: { endpoint: "https://jit.contoso.example/api", allApps: true, printPrivateKey: true },
    });
    expect(printed.isError).toBe(true);
  });

  it("jit setup takes the public certificate inline; a rerun changes nothing; status counts the flag", async () => {
    const cert = backend.emulator.tenants[0]?.certificate?.cert as string;
    const args = { endpoint: "https://jit.contoso.example/api", allApps: true, certificate: cert };
    const first = await client.callTool({ name: "migration_jit_setup", arguments: args });
    expect(first.isError, textOf(first)).not.toBe(true);
    const result = first.structuredContent as {
      changed: boolean;
      extensionAppId: string;
      privateKey?: string;
    };
    expect(result.changed).toBe(true);
    expect(result.privateKey).toBeUndefined();
    const again = await client.callTool({ name: "migration_jit_setup", arguments: args });
    expect((again.structuredContent as { changed: boolean }).changed).toBe(false);
    const status = await client.callTool({ name: "migration_status", arguments: {} });
    expect(status.structuredContent).toMatchObject({ pending: 0, migrated: 0 });
  });
});
