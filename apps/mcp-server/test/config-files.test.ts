// The config tools with branding images and CSS inline (base64 by path, never a host path): export
// from tenant A, plan and apply to tenant B with the elicitation showing the plan, an empty plan after,
// B's export equal to A's including every file; a declined plan changes nothing; files over the
// inline bound are refused with what to do instead.
import { png } from "@ciamkit/emulator/testing";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { ElicitRequestSchema, type ElicitResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Backend, connectClient, startBackend, textOf } from "./helpers/harness.ts";

let a: Backend;
let b: Backend;
let clientA: Client;
const shown: string[] = [];
let answer: ElicitResult = { action: "accept", content: { confirm: true } };
let clientB: Client;

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
// Over 500 base64 characters: whole in the result, not cut as long text is.
const squareLogo = png(240, 240, 6000);
type Exported = { spec: Record<string, unknown>; files?: Record<string, string> };
type Plan = { changes: { action: string; name: string; fields: { field: string; after?: unknown }[] }[] };

beforeAll(async () => {
  [a, b] = await Promise.all([startBackend(), startBackend()]);
  clientA = await connectClient(a);
  clientB = await connectClient(b, {}, { capabilities: { elicitation: {} } });
  clientB.setRequestHandler(ElicitRequestSchema, (request) => {
    shown.push(request.params.message);
    return answer;
  });
  const set = await clientA.callTool({
    name: "branding_apply",
    arguments: {
      default: {
        signInPageText: "Welcome",
        files: {
          squareLogo: { contentBase64: b64(squareLogo) },
          bannerLogo: { contentBase64: b64(png(245, 36)) },
          customCSS: { text: "a { color: red; }" },
        },
      },
      localizations: [{ locale: "de-DE", files: { bannerLogo: { contentBase64: b64(png(200, 30)) } } }],
    },
  });
  expect(set.isError, textOf(set)).not.toBe(true);
});
afterAll(async () => {
  await Promise.all([clientA?.close(), clientB?.close()]);
  await Promise.all([a?.close(), b?.close()]);
});

/** The Graph writes a backend received since request `from` (a `$batch` of reads is not one). */
const graphWrites = (backend: Backend, from: number) =>
  backend.emulator.control.monitor
    .requests()
    .slice(from)
    .filter((r) => r.service === "graph" && r.method !== "GET" && !r.path.endsWith("/$batch"));

const exportOf = async (client: Client) => {
  const result = await client.callTool({ name: "config_export", arguments: { kinds: ["branding"] } });
  expect(result.isError, textOf(result)).not.toBe(true);
  return result.structuredContent as Exported;
};

describe("config tools with branding files inline", () => {
  it("round trip: export A's files as base64, apply to B after the plan is confirmed, B exports the same", async () => {
    const exported = await exportOf(clientA);
    expect(Object.keys(exported.files ?? {}).sort()).toEqual([
      "branding/de-DE/bannerLogo.png",
      "branding/default/bannerLogo.png",
      "branding/default/customCSS.css",
      "branding/default/squareLogo.png",
    ]);
    expect(exported.files?.["branding/default/squareLogo.png"]).toBe(b64(squareLogo));
    const input = { spec: exported.spec, files: exported.files };
    const planned = await clientB.callTool({ name: "config_plan", arguments: input });
    expect(planned.isError, textOf(planned)).not.toBe(true);
    const plan = planned.structuredContent as Plan;
    expect(plan.changes.map((c) => `${c.action} ${c.name}`)).toEqual(["create default", "create de-DE"]);
    expect(plan.changes[0]?.fields.find((f) => f.field === "files.squareLogo")?.after).toBe(
      `${squareLogo.length} bytes, sha256 ${(await import("node:crypto")).createHash("sha256").update(squareLogo).digest("hex").slice(0, 32)}`,
    );

    shown.length = 0;
    const applied = await clientB.callTool({ name: "config_apply", arguments: input });
    expect(applied.isError, textOf(applied)).not.toBe(true);
    // One question, and it is the plan: counts and each change.
    expect(shown).toHaveLength(1);
    expect(shown[0]).toContain("Plan: 2 to create, 0 to update, 0 to replace, 0 to delete.");
    expect(shown[0]).toContain("  + branding 'de-DE'");
    expect(shown[0]).toMatch(/files\.squareLogo: "\d+ bytes, sha256 [0-9a-f]{32}"/);
    const again = await clientB.callTool({ name: "config_plan", arguments: input });
    expect((again.structuredContent as Plan).changes).toEqual([]);
    expect(await exportOf(clientB)).toEqual(exported);
  });

  it("a declined plan changes nothing; the question names what would be deleted", async () => {
    const group = await clientB.callTool({ name: "group_create", arguments: { displayName: "Leaving" } });
    expect(group.isError, textOf(group)).not.toBe(true);
    shown.length = 0;
    answer = { action: "decline" };
    const before = b.emulator.control.monitor.requests().length;
    const result = await clientB.callTool({
      name: "config_apply",
      arguments: { spec: { groups: { Arriving: {} } }, prune: true },
    });
    answer = { action: "accept", content: { confirm: true } };
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(
      "Not done: the user declined the changes of config_apply. Nothing was changed.",
    );
    expect(shown).toHaveLength(1);
    expect(shown[0]).toContain("  + groups 'Arriving'");
    expect(shown[0]).toMatch(/! \d+ to delete or replace \(cannot be undone\): .*groups 'Leaving'/);
    expect(graphWrites(b, before)).toEqual([]);
  });

  it("without elicitation, refuses with the plan and changes nothing (no --allow-destructive)", async () => {
    const before = a.emulator.control.monitor.requests().length;
    const result = await clientA.callTool({
      name: "config_apply",
      arguments: { spec: { groups: { "Never made": {} } } },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(
      "Refused: config_apply would make these changes, and this client cannot ask the user to confirm them",
    );
    expect(textOf(result)).toContain("  + groups 'Never made'");
    expect(graphWrites(a, before)).toEqual([]);
  });

  it("refuses files over the inline bound, and a path outside the spec, sending nothing", async () => {
    const before = b.emulator.control.monitor.requests().length;
    const big = "A".repeat(400_000);
    const tooMuch = await clientB.callTool({
      name: "config_plan",
      arguments: {
        spec: { branding: { default: { files: { backgroundImage: "a.jpg" } } } },
        files: { "a.jpg": big, "b.jpg": big, "c.jpg": big, "d.jpg": big },
      },
    });
    expect(tooMuch.isError).toBe(true);
    expect(textOf(tooMuch)).toContain(
      "more than 1048576 bytes of files in all; apply a spec folder with the CLI",
    );
    const outside = await clientB.callTool({
      name: "config_plan",
      arguments: { spec: { branding: { default: { files: { favicon: "../favicon.png" } } } }, files: {} },
    });
    expect(outside.isError).toBe(true);
    expect(textOf(outside)).toContain("branding.default.files.favicon: a path inside the spec folder");
    expect(b.emulator.control.monitor.requests().length).toBe(before);
  });
});
