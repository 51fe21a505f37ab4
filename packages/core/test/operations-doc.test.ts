import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { inputFields, renderOperationsMarkdown } from "../scripts/operations-markdown.ts";
import { defineOperation } from "../src/operations/define-operation.ts";
import { operations } from "../src/operations/registry.ts";

const committed = new URL("../../../docs/operations.md", import.meta.url);

describe("docs/operations.md", () => {
  it("is the text generated from the catalog (run `pnpm --filter @ciamkit/core docs:operations`)", () => {
    const expected = renderOperationsMarkdown(operations);
    const actual = readFileSync(committed, "utf8");
    // A plain equality would print two 100 kB strings; the first differing line says what drifted.
    const a = actual.split("\n");
    const e = expected.split("\n");
    const at = e.findIndex((line, i) => a[i] !== line);
    expect(at === -1 ? null : { line: at + 1, committed: a[at], generated: e[at] }).toBeNull();
    expect(a.length).toBe(e.length);
  });

  it("documents every operation with its CLI command, access, permissions and inputs", () => {
    const text = readFileSync(committed, "utf8");
    for (const op of operations) {
      const section = text.split(`### \`${op.name}\`\n`)[1]?.split("\n### ")[0];
      expect(section, op.name).toBeDefined();
      expect(section).toContain(`access: ${op.access}`);
      for (const permission of op.permissions) expect(section).toContain(`\`${permission}\``);
      for (const field of Object.keys(op.input.shape)) expect(section).toContain(`- \`${field}\` (`);
      const head = section?.split("\n")[1] ?? "";
      expect(head.includes("· idempotent"), op.name).toBe(op.access !== "read" && op.idempotent === true);
      expect(head.includes("· list"), op.name).toBe(op.list === true);
    }
  });

  it("says which inputs are paths on the host and which operation returns bytes", () => {
    const text = readFileSync(committed, "utf8");
    const section = (name: string) => text.split(`### \`${name}\`\n`)[1]?.split("\n### ")[0] ?? "";
    const image = section("branding_image_get");
    expect(image).toContain("access: read · binary (`contentBase64`)");
    expect(image).toContain("- `saveTo` (string, path written)");
    expect(image).toContain("- `stream` (");
    expect(image).not.toContain("- `stream` (string, path");
    expect(section("user_import")).toContain("- `mapping` (string or object, a string is a path read)");
    expect(section("branding_apply")).toContain("- `default.files.*.file` (string, path read)");
  });
});

describe("input fields from the zod schemas", () => {
  const sample = defineOperation({
    name: "sample_run",
    area: "samples",
    title: "Run a sample",
    description: "A sample operation for the renderer.",
    access: "write",
    permissions: ["Sample.ReadWrite.All"],
    input: z.object({
      id: z.uuid().describe("The id."),
      mode: z.enum(["fast", "safe"]).default("safe"),
      tags: z.array(z.string().max(20)).max(5).optional(),
      page: z
        .object({ views: z.array(z.object({ title: z.string().describe("Shown | on top") })) })
        .optional(),
      note: z.string().max(10).nullable().optional(),
      files: z.partialRecord(z.enum(["logo", "css"]), z.object({ path: z.string() })).optional(),
    }),
    output: z.object({}),
    run: async () => ({}),
  });

  it.each([
    ["id", "string (uuid)", true, "The id."],
    ["mode", '"fast" or "safe"', false, '(default "safe")'],
    ["tags", "string[]", false, "(at most 5 items)"],
    ["page", "object", false, ""],
    ["page.views", "object[]", true, ""],
    ["page.views[].title", "string", true, "Shown | on top"],
    ["note", "string or null", false, "(at most 10 characters)"],
    ["files", "map of logo | css to object", false, ""],
    ["files.*.path", "string", true, ""],
  ])("%s is %s", (path, type, required, description) => {
    expect(inputFields(sample).find((f) => f.path === path)).toEqual({ path, type, required, description });
  });

  it("renders a field list nested under its parent", () => {
    const text = renderOperationsMarkdown([sample]);
    expect(text).toContain("CLI `ciam sample run` · access: write");
    expect(text).toContain("    - `page.views[].title` (string, required): Shown | on top");
    expect(text).toContain("\n  - `files.*.path` (string, required)\n");
  });
});
