import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { connectClient } from "./helpers/harness.ts";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

/** A runner for tests that only list: listing never runs an operation. */
const noRunner = { client: { run: () => Promise.reject(new Error("listing runs no operation")) } };

describe("ciam-mcp server", () => {
  it("initialises with a real MCP client and reports its name, version and capabilities", async () => {
    const client = await connectClient(noRunner);
    expect(client.getServerVersion()).toMatchObject({ name: "ciamkit", version: pkg.version });
    expect(client.getInstructions()).toContain("External ID");
    expect(client.getServerCapabilities()).toMatchObject({
      tools: {},
      resources: {},
      prompts: {},
      logging: {},
    });
    await client.ping();
    await client.close();
  });
});
