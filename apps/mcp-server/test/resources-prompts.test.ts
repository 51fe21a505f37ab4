import { describe, expect, it } from "vitest";
import { connectClient, textOf, useBackend } from "./helpers/harness.ts";

const backend = useBackend();

describe("resources", () => {
  it("offers the tenant overview as one JSON document with a section per area", async () => {
    const client = await connectClient(backend);
    const { resources } = await client.listResources();
    expect(resources).toContainEqual(
      expect.objectContaining({ uri: "ciam://tenant/overview", mimeType: "application/json" }),
    );
    const read = await client.readResource({ uri: "ciam://tenant/overview" });
    const content = read.contents[0] as { text: string; mimeType: string };
    expect(content.mimeType).toBe("application/json");
    const overview = JSON.parse(content.text) as Record<string, unknown>;
    expect(Object.keys(overview)).toEqual([
      "organization",
      "applications",
      "userFlows",
      "identityProviders",
      "branding",
    ]);
    await client.close();
  });

  it("shows the user flows, identity providers and branding the tools configured", async () => {
    const client = await connectClient(backend);
    const app = await client.callTool({ name: "app_create", arguments: { displayName: "Overview app" } });
    const appId = (app.structuredContent as { appId: string }).appId;
    const flow = await client.callTool({
      name: "user_flow_create",
      arguments: { displayName: "Overview sign-up", applications: [appId] },
    });
    expect(flow.isError, textOf(flow)).not.toBe(true);
    const branded = await client.callTool({
      name: "branding_update",
      arguments: { backgroundColor: "#224466" },
    });
    expect(branded.isError, textOf(branded)).not.toBe(true);
    const read = await client.readResource({ uri: "ciam://tenant/overview" });
    const overview = JSON.parse((read.contents[0] as { text: string }).text);
    expect(overview.userFlows.items).toContainEqual(
      expect.objectContaining({
        displayName: "Overview sign-up",
        applications: [appId],
        signUpAllowed: true,
      }),
    );
    expect(overview.identityProviders.items).toContainEqual(
      expect.objectContaining({ id: "EmailPassword-OAUTH", type: "builtInIdentityProvider" }),
    );
    expect(overview.branding).toMatchObject({ backgroundColor: "#224466" });
    await client.close();
  });

  it("reads sections only through tools the server offers", async () => {
    const client = await connectClient(backend, { toolsets: ["users"] });
    const before = backend.emulator.control.monitor.requests().length;
    const read = await client.readResource({ uri: "ciam://tenant/overview" });
    const overview = JSON.parse((read.contents[0] as { text: string }).text) as Record<string, unknown>;
    expect(overview.applications).toEqual({ unavailable: "app_list is not offered by this server" });
    const graph = backend.emulator.control.monitor
      .requests()
      .slice(before)
      .filter((r) => r.service === "graph");
    expect(graph).toEqual([]);
    await client.close();
  });
});

describe("prompts", () => {
  it("offers the guided tasks", async () => {
    const client = await connectClient(backend);
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual([
      "setup_sign_up",
      "brand_sign_in",
      "review_admin_changes",
      "investigate_failed_sign_ins",
    ]);
    await client.close();
  });

  it.each([
    ["setup_sign_up", { app: "Contoso Shop" }, /application "Contoso Shop".*email with password/s],
    ["brand_sign_in", { brandColor: "#112233", locale: "fr-FR" }, /#112233.*fr-FR localization/s],
    ["review_admin_changes", { days: "3" }, /last 3 days.*audit log/s],
    ["investigate_failed_sign_ins", { user: "ada@example.com" }, /last 24 hours for ada@example.com/],
  ])("%s puts its arguments into the task", async (name, args, expected) => {
    const client = await connectClient(backend);
    const prompt = await client.getPrompt({ name, arguments: args });
    expect(prompt.messages).toEqual([
      { role: "user", content: { type: "text", text: expect.stringMatching(expected) } },
    ]);
    await client.close();
  });

  it("refuses a prompt without its required argument", async () => {
    const client = await connectClient(backend);
    await expect(client.getPrompt({ name: "setup_sign_up", arguments: {} })).rejects.toThrow(/app/);
    await client.close();
  });
});
