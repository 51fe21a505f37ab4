// user_import / user_export as long-running tools: progress notifications for a progress token,
// cancellation through notifications/cancelled, and a rerun that resumes from the journal (a file's
// inside --files-dir, or, for rows sent inline, the one the server keeps in memory).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CiamClient } from "@ciamkit/core";
import type { Progress } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { demoClient } from "./helpers/demo-client.ts";
import { type Backend, connectClient, startBackend, textOf } from "./helpers/harness.ts";

let backend: Backend;
/**
 * Core's client with its retry policy on (the harness's has none, to see first answers): an import
 * that is stopped and run again reads the tenant while Graph still holds the 429 of a write, and a
 * real client waits out the Retry-After instead of failing.
 */
let patient: { client: CiamClient };
let dir: string;
beforeAll(async () => {
  backend = await startBackend();
  patient = { client: demoClient(backend.emulator, { retry: { baseDelayMs: 10, maxDelayMs: 50 } }) };
  dir = mkdtempSync(join(tmpdir(), "ciam-mcp-bulk-"));
});
afterAll(async () => {
  await patient.client.close();
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => backend.emulator.control.throttler.configure({ enabled: false }));

/** The text of a CSV of `valid` customers plus `invalid` rows with a weak password. */
function customersText(name: string, valid: number, invalid = 0): string {
  const digits = (n: number) => [...String(n)].map((d) => "pqrstuvwxy"[Number(d)]).join("");
  const lines = ["displayName,signInName,password"];
  for (let i = 1; i <= valid; i++) lines.push(`Customer ${i},${name}${i}@example.com,Zq!9${digits(i)}#kT`);
  for (let i = 1; i <= invalid; i++) lines.push(`Bad ${i},bad${name}${i}@example.com,weak`);
  return `${lines.join("\n")}\n`;
}

/** The same as a file in the files directory; returns its name there. */
function customersCsv(name: string, valid: number, invalid = 0): string {
  writeFileSync(join(dir, `${name}.csv`), customersText(name, valid, invalid));
  return `${name}.csv`;
}

/** Users per sign-in name starting with `prefix`. */
function holders(prefix: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const user of backend.emulator.store.tenant(backend.tenantId)?.collection("users").values() ?? []) {
    for (const id of (user.identities ?? []) as { issuerAssignedId?: string }[]) {
      const name = String(id.issuerAssignedId ?? "");
      if (name.startsWith(prefix)) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  return counts;
}

interface Report {
  rows: number;
  created: number;
  rejected: number;
  failed: number;
  skipped: number;
  resumed: number;
  summary: string;
}

describe("user_import as a long-running tool", () => {
  it("sends progress with the row total when the client gives a progress token", async () => {
    const client = await connectClient(backend);
    const content = customersText("progress", 50, 2);
    const seen: Progress[] = [];
    const result = await client.callTool({ name: "user_import", arguments: { content } }, undefined, {
      onprogress: (p) => seen.push(p),
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ rows: 52, created: 50, rejected: 2, failed: 0 });
    expect(textOf(result)).toContain("50 created");
    expect(seen.length).toBeGreaterThanOrEqual(3);
    // MCP: progress increases with every notification, and never passes the total.
    for (let i = 1; i < seen.length; i++)
      expect(seen[i]?.progress).toBeGreaterThan(seen[i - 1]?.progress ?? 0);
    expect(seen.every((p) => p.total === 52 && p.progress <= 52)).toBe(true);
    expect(seen.at(-1)).toEqual({
      progress: 52,
      total: 52,
      message: "importing: 50 created, 2 rejected, 0 failed",
    });
    await client.close();
  });

  it("stops when the client cancels, and the same call again resumes from the file's journal without duplicates", async () => {
    // 20 writes per second: 150 rows take several seconds, so the call is cancelled in the middle.
    backend.emulator.control.throttler.configure({
      enabled: true,
      timeScale: 150,
      limits: { appTenantWrites: 20 },
    });
    const lines: string[] = [];
    const client = await connectClient(patient, { filesDir: dir, log: (line) => lines.push(line) });
    const file = customersCsv("cancel", 150);
    const controller = new AbortController();
    const call = client.callTool({ name: "user_import", arguments: { file } }, undefined, {
      signal: controller.signal,
      onprogress: (p) => {
        if (p.progress >= 20) controller.abort("the user pressed stop");
      },
    });
    await expect(call).rejects.toThrow(/stop/);
    // The server saw notifications/cancelled and the import ended (its outcome is logged).
    await expect.poll(() => lines.some((l) => /^ciam-mcp: user_import failed/.test(l))).toBe(true);
    const journal = join(dir, `${file}.journal.jsonl`);
    expect(existsSync(journal)).toBe(true);
    const entries = readFileSync(journal, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { s: string });
    const committedBefore = entries.filter((e) => e.s === "created").length;
    expect(committedBefore).toBeGreaterThanOrEqual(20);
    expect(committedBefore).toBeLessThan(150);

    // A fresh budget for the rerun (core's bulk-resume.test.ts says why).
    backend.emulator.control.throttler.configure({
      enabled: true,
      timeScale: 150,
      limits: { appTenantWrites: 20 },
    });
    const again = await client.callTool({ name: "user_import", arguments: { file } });
    expect(again.isError, textOf(again)).toBeFalsy();
    const report = again.structuredContent as unknown as Report;
    expect(report).toMatchObject({ rows: 150, created: 150, failed: 0, skipped: 0 });
    expect(report.resumed).toBeGreaterThanOrEqual(committedBefore);
    const counts = holders("cancel");
    expect(counts.size).toBe(150);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    await client.close();
  });
});

describe("user_import with rows sent inline", () => {
  it("stops when the client cancels, and the same call again resumes from the journal kept in memory", async () => {
    backend.emulator.control.throttler.configure({
      enabled: true,
      timeScale: 150,
      limits: { appTenantWrites: 20 },
    });
    const lines: string[] = [];
    const client = await connectClient(patient, { log: (line) => lines.push(line) });
    const content = customersText("inlinecancel", 150);
    const controller = new AbortController();
    const call = client.callTool({ name: "user_import", arguments: { content } }, undefined, {
      signal: controller.signal,
      onprogress: (p) => {
        if (p.progress >= 20) controller.abort("the user pressed stop");
      },
    });
    await expect(call).rejects.toThrow(/stop/);
    await expect.poll(() => lines.some((l) => /^ciam-mcp: user_import failed/.test(l))).toBe(true);
    const createdBefore = holders("inlinecancel").size;
    expect(createdBefore).toBeGreaterThanOrEqual(20);
    expect(createdBefore).toBeLessThan(150);
    backend.emulator.control.throttler.configure({
      enabled: true,
      timeScale: 150,
      limits: { appTenantWrites: 20 },
    });
    const again = await client.callTool({ name: "user_import", arguments: { content } });
    expect(again.isError, textOf(again)).toBeFalsy();
    const report = again.structuredContent as unknown as Report;
    expect(report).toMatchObject({ rows: 150, created: 150, failed: 0, skipped: 0 });
    // Without the journal, the users created before the stop would come back as existing (skipped).
    expect(report.resumed).toBeGreaterThan(0);
    expect(report.resumed).toBeLessThanOrEqual(createdBefore);
    const counts = holders("inlinecancel");
    expect(counts.size).toBe(150);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    await client.close();
  });
});

describe("user_export", () => {
  it("writes a file in the files directory and reports the count", async () => {
    const client = await connectClient(backend, { filesDir: dir });
    const result = await client.callTool({
      name: "user_export",
      arguments: { file: "export.jsonl", filter: "startswith(displayName,'Customer')" },
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    const { exported } = result.structuredContent as { exported: number };
    expect(exported).toBeGreaterThan(0);
    expect(readFileSync(join(dir, "export.jsonl"), "utf8").trim().split("\n")).toHaveLength(exported);
    await client.close();
  });
});
