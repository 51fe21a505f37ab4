import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineOperation } from "@ciamkit/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { commandSpec } from "../src/manifest/build-manifest.ts";
import type { CatalogInvocation } from "../src/program.ts";
import { EXIT } from "../src/run/exit-codes.ts";
import { runCatalogCommand } from "../src/run/run-catalog-command.ts";

// An operation with an input offered to MCP clients only: the CLI must neither offer nor accept it.
const widget = defineOperation({
  name: "widget_make",
  area: "widgets",
  title: "Make a widget",
  description: "Makes one.",
  access: "write",
  idempotent: false,
  permissions: [],
  input: z.object({ name: z.string(), inline: z.string().optional() }),
  output: z.object({ id: z.string() }),
  inputSurfaces: { inline: "mcp" },
  run: async () => {
    throw new Error("the refusal comes before any run");
  },
});

const dir = mkdtempSync(join(tmpdir(), "ciam-surfaces-"));
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

describe("MCP-only inputs in the CLI", () => {
  it("get no flag", () => {
    expect(commandSpec(widget).options.map((o) => o.flag)).toEqual(["name"]);
  });

  it("are refused in --input with a usage error, before sign-in", async () => {
    const input = join(dir, "input.json");
    writeFileSync(input, JSON.stringify({ name: "w", inline: "x" }));
    const stderr: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      stderr.push(String(chunk));
      return true;
    });
    const invocation = {
      spec: commandSpec(widget),
      fields: {},
      stdinFields: [],
      command: { optsWithGlobals: () => ({ input, output: "json" }) },
    } as unknown as CatalogInvocation;
    await runCatalogCommand(invocation);
    expect(process.exitCode).toBe(EXIT.usage);
    expect(stderr.join("")).toContain("inline in --input is offered to MCP clients only");
    rmSync(dir, { recursive: true, force: true });
  });
});
