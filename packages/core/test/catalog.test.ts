import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Operation } from "../src/operations/define-operation.ts";
import { areaPrefix, cliCommand } from "../src/operations/define-operation.ts";
import { getOperation, operationAreas, operations, operationsByArea } from "../src/operations/registry.ts";

describe("the operation catalog", () => {
  it("has the directory operations", () => {
    expect(operations.length).toBeGreaterThanOrEqual(29);
    expect(new Set(operations.map((op) => op.name)).size).toBe(operations.length);
  });

  it("holds every operation defined in src, through its area's list", async () => {
    // An operation file whose operation is missing from its area's operations.ts would be no tool,
    // no command and no doc entry.
    const src = new URL("../src/", import.meta.url);
    const files = readdirSync(src, { recursive: true, encoding: "utf8" }).filter(
      (file) =>
        file.endsWith(".ts") &&
        /\bexport const \w+Operation\b/.test(readFileSync(new URL(file, src), "utf8")),
    );
    const defined = new Set<unknown>();
    for (const file of files) {
      if (file.endsWith("define-operation.ts")) continue;
      const module = (await import(new URL(file, src).href)) as Record<string, unknown>;
      for (const value of Object.values(module)) if (isOperation(value)) defined.add(value);
    }
    expect(defined.size).toBeGreaterThanOrEqual(operations.length);
    expect([...defined].filter((op) => !operations.includes(op as Operation)).map(nameOf)).toEqual([]);
  });

  it("exports every operation from @ciamkit/core, through its area's index.ts", async () => {
    const publicValues = new Set<unknown>(Object.values(await import("../src/index.ts")));
    expect(operations.filter((op) => !publicValues.has(op)).map(nameOf)).toEqual([]);
  });

  it("keeps each area's operations together (an MCP toolset, a CLI command group)", () => {
    const areas = operations.map((op) => op.area).filter((area, i, all) => area !== all[i - 1]);
    expect(areas).toEqual(operationAreas());
  });

  it("keeps its order: MCP tools/list, CLI help and the generated docs follow it", async () => {
    // Update on purpose (vitest -u) when adding an operation; the diff shows where it lands.
    await expect(`${operations.map((op) => op.name).join("\n")}\n`).toMatchFileSnapshot(
      "./catalog-order.txt",
    );
  });

  describe.each(operations.map((op) => [op.name, op] as const))("%s", (name, op) => {
    it("is named <area-prefix>_<verb> in snake_case and maps to a CLI command", () => {
      expect(name).toMatch(/^[a-z]+(_[a-z]+)+$/);
      expect(op.area).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(name.startsWith(`${areaPrefix(op.area)}_`)).toBe(true);
      const [group, verb] = cliCommand(op);
      expect(group).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(verb).toMatch(/^[a-z]+(-[a-z]+)*( [a-z]+(-[a-z]+)*)?$/);
    });
    it("describes itself for a model and a human", () => {
      expect(op.title.length).toBeGreaterThan(5);
      expect(op.title.length).toBeLessThanOrEqual(60);
      expect(op.description.length).toBeGreaterThanOrEqual(80);
      expect(op.description.length).toBeLessThanOrEqual(600);
      expect(["read", "write", "destructive"]).toContain(op.access);
    });
    it("is destructive when it deletes, removes or revokes", () => {
      // The CLI asks before, and the MCP server confirms, exactly the destructive operations; its docs
      // promise that for delete, remove and revoke (a removal is not an additive update in MCP's terms).
      if (/_(delete|remove|revoke)$/.test(name)) expect(op.access).toBe("destructive");
    });
    it("names least-privileged permissions", () => {
      expect(op.permissions.length).toBeGreaterThan(0);
      // Graph permissions (`User.Read.All`) or Azure RBAC actions for ARM (`Microsoft.X/type/write`).
      for (const permission of op.permissions) {
        expect(permission).toMatch(/^([A-Z][A-Za-z]+(\.[A-Za-z]+)+|Microsoft\.[A-Za-z]+(\/[A-Za-z]+)+)$/);
      }
      if (op.access === "read") {
        expect(op.permissions.every((p) => !/ReadWrite|\/(write|delete)$/.test(p))).toBe(true);
      }
    });
    it("has zod object input and output that convert to JSON Schema", () => {
      expect(op.input).toBeInstanceOf(z.ZodObject);
      expect(op.output).toBeInstanceOf(z.ZodObject);
      const input = z.toJSONSchema(op.input, { io: "input" }) as { type?: string };
      const output = z.toJSONSchema(op.output, { io: "output" }) as { type?: string };
      expect(input.type).toBe("object");
      expect(output.type).toBe("object");
    });
    it("declares secret output fields that exist in its output", () => {
      for (const field of op.secretOutputFields ?? []) expect(Object.keys(op.output.shape)).toContain(field);
    });
    it("takes as positional argument, if any, one of its string inputs", () => {
      if (op.positional === undefined) return;
      const schema = z.toJSONSchema(op.input, { io: "input" }) as {
        properties?: Record<string, { type?: string }>;
      };
      expect(schema.properties?.[op.positional]?.type).toBe("string");
    });
  });

  it("gives the bulk file commands their file as positional argument", () => {
    expect(getOperation("user_import")?.positional).toBe("file");
    expect(getOperation("user_export")?.positional).toBe("file");
  });

  it("looks operations up by name and area", () => {
    expect(getOperation("user_list")?.area).toBe("users");
    expect(getOperation("nope")).toBeUndefined();
    expect(operationsByArea("groups").map((op) => op.name)).toContain("group_member_add");
    expect(cliCommand({ name: "group_member_add", area: "groups" })).toEqual(["group", "member-add"]);
    expect(cliCommand({ name: "service_principal_get", area: "service-principals" })).toEqual([
      "service-principal",
      "get",
    ]);
    // The migration area's group is `ciam migrate`; its jit verbs are a sub-group.
    expect(cliCommand({ name: "migration_inventory", area: "migration" })).toEqual(["migrate", "inventory"]);
    expect(cliCommand({ name: "migration_jit_setup", area: "migration" })).toEqual(["migrate", "jit setup"]);
  });
});

function isOperation(value: unknown): value is Operation {
  return (
    typeof value === "object" &&
    value !== null &&
    "name" in value &&
    "area" in value &&
    "input" in value &&
    value.input instanceof z.ZodObject &&
    "run" in value &&
    typeof value.run === "function"
  );
}

function nameOf(op: unknown): string {
  return (op as Operation).name;
}
