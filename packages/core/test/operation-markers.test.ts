import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineOperation, type Operation } from "../src/operations/define-operation.ts";
import { hostPath } from "../src/operations/host-paths.ts";
import { inputsNotOffered, isIdempotent } from "../src/operations/input-surfaces.ts";
import { getOperation, operations } from "../src/operations/registry.ts";

/** A well-formed operation to vary one marker at a time. */
const base = {
  name: "thing_list",
  area: "things",
  title: "List things",
  description: "Lists things.",
  access: "read",
  permissions: [],
  input: z.object({
    limit: z.number().optional(),
    cursor: z.string().optional(),
    saveTo: z.string().optional(),
  }),
  output: z.object({ items: z.array(z.string()), nextCursor: z.string().optional(), bytes: z.string() }),
  run: async () => ({ items: [], bytes: "" }),
} satisfies Operation;

describe("operation markers", () => {
  it("accepts markers that match the schemas", () => {
    const op = defineOperation({ ...base, list: true, binary: "bytes", inputSurfaces: { saveTo: "cli" } });
    expect(op.list).toBe(true);
    expect(inputsNotOffered(op, "mcp")).toEqual(["saveTo"]);
    expect(inputsNotOffered(op, "cli")).toEqual([]);
    expect(inputsNotOffered(defineOperation({ ...base, inputSurfaces: { saveTo: "mcp" } }), "cli")).toEqual([
      "saveTo",
    ]);
  });

  it.each([
    [
      "a list without paging fields",
      { input: z.object({ top: z.number() }), list: true },
      /a list takes limit/,
    ],
    ["a read claimed not idempotent", { idempotent: false }, /a read is always idempotent/],
    ["a binary field the output lacks", { binary: "content" }, /binary field content is not in the output/],
    ["a surface for an unknown input", { inputSurfaces: { path: "cli" } }, /unknown field path/],
    [
      "a required single-surface input",
      { input: z.object({ path: z.string() }), inputSurfaces: { path: "cli" } },
      /path must be optional/,
    ],
    // An MCP server without --files-dir must be able to leave every host path out.
    [
      "a required host path",
      { input: z.object({ file: hostPath("read", "A file.") }) },
      /host path file must be optional/,
    ],
    [
      "a required host path inside a list",
      { input: z.object({ items: z.array(z.object({ file: hostPath("read", "A file.") })) }) },
      /host path items\[\]\.file must be optional/,
    ],
    [
      "a host path with an input surface",
      {
        input: z.object({ saveTo: hostPath("write", "A file.").optional() }),
        inputSurfaces: { saveTo: "cli" },
      },
      /host path saveTo takes no input surface/,
    ],
  ])("refuses %s at definition", (_, change, message) => {
    expect(() => defineOperation({ ...base, ...change } as unknown as Operation)).toThrow(message);
  });

  it("marks every paged operation as a list, and only those", () => {
    for (const op of operations) {
      const paged = "limit" in op.input.shape && "cursor" in op.input.shape;
      expect({ name: op.name, list: op.list === true }).toEqual({ name: op.name, list: paged });
    }
  });

  it("has every write and destructive operation say whether it is idempotent", () => {
    const silent = operations.filter((op) => op.access !== "read" && typeof op.idempotent !== "boolean");
    expect(silent.map((op) => op.name)).toEqual([]);
    expect(operations.filter((op) => op.access === "read").every(isIdempotent)).toBe(true);
  });

  // PUT, PATCH and DELETE (and converging or add-if-missing operations) are idempotent; a POST that
  // creates a new object or credential each time is not.
  it.each([
    ["user_create", false],
    ["user_update", true],
    ["user_delete", true],
    ["app_password_add", false],
    ["app_password_remove", true],
    ["app_grant", true],
    ["group_member_add", true],
    ["tenant_create", true],
    ["branding_image_set", true],
    ["branding_localization_create", false],
    ["user_flow_setup", true],
    ["trust_framework_keyset_generate_key", false],
    ["trust_framework_policy_upload", true],
  ])("%s is idempotent: %s", (name, expected) => {
    const op = getOperation(name);
    expect(op).toBeDefined();
    expect(isIdempotent(op as Operation)).toBe(expected);
  });

  it("marks file contents", () => {
    expect(getOperation("branding_image_get")?.binary).toBe("contentBase64");
  });
});
