import { png } from "@ciamkit/emulator/testing";
import { describe, expect, it } from "vitest";
import { connectClient, textOf, useBackend, useClient } from "./helpers/harness.ts";

const backend = useBackend();
const client = useClient(backend, { allowDestructive: true });

describe("per-object resources", () => {
  it("are offered only with the operations that read them", async () => {
    const narrow = await connectClient(backend, { toolsets: ["users"] });
    expect((await narrow.listResourceTemplates()).resourceTemplates).toEqual([]);
    expect((await narrow.listResources()).resources.map((r) => r.uri)).toEqual(["ciam://tenant/overview"]);
    await narrow.close();
    const templates = (await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate);
    expect(templates).toEqual(["ciam://user-flows/{id}", "ciam://branding/{locale}/{stream}"]);
  });

  it("names every user flow the tools list, and reads each as the tools do", async () => {
    for (const displayName of ["Shop sign-up", "Partners sign-in"]) {
      const created = await client.callTool({ name: "user_flow_create", arguments: { displayName } });
      expect(created.isError, textOf(created)).not.toBe(true);
    }
    const listed = await client.callTool({ name: "user_flow_list", arguments: { limit: 100 } });
    const flows = (listed.structuredContent as { items: { id: string; displayName: string }[] }).items;
    expect(flows.map((f) => f.displayName)).toEqual(
      expect.arrayContaining(["Shop sign-up", "Partners sign-in"]),
    );
    const { resources } = await client.listResources();
    const flowResources = resources.filter((r) => r.uri.startsWith("ciam://user-flows/"));
    expect(flowResources.map((r) => [r.uri, r.name])).toEqual(
      flows.map((f) => [`ciam://user-flows/${encodeURIComponent(f.id)}`, f.displayName]),
    );
    for (const flow of flows) {
      const read = await client.readResource({ uri: `ciam://user-flows/${encodeURIComponent(flow.id)}` });
      const got = await client.callTool({ name: "user_flow_get", arguments: { flow: flow.id } });
      expect(JSON.parse((read.contents[0] as { text: string }).text)).toEqual(got.structuredContent);
    }
  });

  it("serves an uploaded branding image as the blob the tool downloads, and says when nothing is uploaded", async () => {
    const logo = png(200, 30).toString("base64");
    const set = await client.callTool({
      name: "branding_image_set",
      arguments: { stream: "bannerLogo", locale: "0", contentBase64: logo },
    });
    expect(set.isError, textOf(set)).not.toBe(true);
    const read = await client.readResource({ uri: "ciam://branding/0/bannerLogo" });
    expect(read.contents).toEqual([
      { uri: "ciam://branding/0/bannerLogo", mimeType: "image/png", blob: logo },
    ]);
    await expect(client.readResource({ uri: "ciam://branding/0/favicon" })).rejects.toThrow(
      /Nothing is uploaded at ciam:\/\/branding\/0\/favicon/,
    );
  });
});
