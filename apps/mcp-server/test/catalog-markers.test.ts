import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Backend, connectClient, startBackend, textOf } from "./helpers/harness.ts";

let backend: Backend;
let dir: string;
beforeAll(async () => {
  backend = await startBackend();
  dir = mkdtempSync(join(tmpdir(), "ciam-mcp-markers-"));
});
afterAll(async () => {
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
});

const graphRequests = () =>
  backend.emulator.control.monitor.requests().filter((r) => r.service === "graph").length;

describe("annotations from the catalog's markers", () => {
  // A model may retry an idempotent tool after a timeout; it must not retry a create.
  it.each([
    ["user_create", false],
    ["user_update", true],
    ["user_delete", true],
    ["app_password_add", false],
    ["group_member_add", true],
    ["branding_image_set", true],
    ["user_flow_setup", true],
    ["user_list", true],
  ])("%s has idempotentHint %s", async (name, idempotent) => {
    const client = await connectClient(backend, { tools: [name] });
    const [tool] = (await client.listTools()).tools;
    expect(tool?.annotations?.idempotentHint).toBe(idempotent);
    await client.close();
  });
});

describe("CLI-only inputs", () => {
  it("are not listed", async () => {
    const client = await connectClient(backend, { toolsets: ["branding", "users"] });
    const { tools } = await client.listTools();
    const properties = (name: string) =>
      Object.keys((tools.find((t) => t.name === name) as Tool).inputSchema.properties ?? {});
    expect(properties("branding_image_get")).toEqual(["stream", "locale"]);
    expect(properties("user_import")).not.toContain("reportFile");
    expect(properties("user_import")).toContain("rejectFile");
    await client.close();
  });

  it("are refused, writing nothing and calling nothing", async () => {
    const client = await connectClient(backend, { toolsets: ["branding"] });
    const target = join(dir, "logo.png");
    const before = graphRequests();
    const result = await client.callTool({
      name: "branding_image_get",
      arguments: { stream: "bannerLogo", saveTo: target },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("saveTo is offered by the ciam CLI only");
    expect(existsSync(target)).toBe(false);
    expect(graphRequests()).toBe(before);
    await client.close();
  });

  it("are left out of operation_describe and refused by operation_run in discovery mode", async () => {
    const client = await connectClient(backend, { discovery: true, allowDestructive: true });
    const described = await client.callTool({
      name: "operation_describe",
      arguments: { name: "branding_image_get" },
    });
    const schema = (described.structuredContent as { inputSchema: { properties: Record<string, unknown> } })
      .inputSchema;
    expect(Object.keys(schema.properties)).toEqual(["stream", "locale"]);
    const target = join(dir, "run.png");
    const run = await client.callTool({
      name: "operation_run",
      arguments: { name: "branding_image_get", input: { stream: "bannerLogo", saveTo: target } },
    });
    expect(run.isError).toBe(true);
    expect(textOf(run)).toContain("saveTo is offered by the ciam CLI only");
    expect(existsSync(target)).toBe(false);
    await client.close();
  });
});
