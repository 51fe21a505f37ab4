import { isIdempotent, operations } from "@ciamkit/core";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import type { JsonSchemaType } from "@modelcontextprotocol/sdk/validation";
import { AjvJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/ajv";
import { beforeAll, describe, expect, it } from "vitest";
import { resolvedHints } from "../src/tools/annotations.ts";
import { textOf, useBackend, useClient } from "./helpers/harness.ts";
import { sampleInput } from "./helpers/sample-input.ts";

const backend = useBackend();
// Destructive tools run without confirmation here: this loop checks shapes, safety has its own file.
const client = useClient(backend, { allowDestructive: true });
let tools: Tool[];

beforeAll(async () => {
  tools = (await client.listTools()).tools;
});

const ajv = new AjvJsonSchemaValidator();

describe("every catalog operation is a tool", () => {
  it("lists exactly the catalog, in catalog order", () => {
    expect(tools.map((t) => t.name)).toEqual(operations.map((op) => op.name));
  });

  it.each(operations.map((op) => [op.name, op] as const))(
    "%s is declared from its catalog entry",
    (name, op) => {
      const tool = tools.find((t) => t.name === name) as Tool;
      expect(tool).toMatchObject({ title: op.title, description: op.description });
      expect(tool.name).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/);
      // Both schemas are valid JSON Schema (the client compiles them) and objects.
      expect(tool.inputSchema.type).toBe("object");
      expect(tool.outputSchema?.type).toBe("object");
      expect(() => ajv.getValidator(tool.inputSchema as JsonSchemaType)).not.toThrow();
      expect(() => ajv.getValidator(tool.outputSchema as JsonSchemaType)).not.toThrow();
      // Hints as a client reading the MCP specification resolves them (defaults filled in).
      const hints = resolvedHints(tool.annotations);
      expect(hints.openWorldHint).toBe(true);
      if (op.access !== "read") {
        // A tool that writes says so explicitly: no client has to know the defaults.
        expect(typeof tool.annotations?.destructiveHint, `${name}.destructiveHint`).toBe("boolean");
        expect(typeof tool.annotations?.idempotentHint, `${name}.idempotentHint`).toBe("boolean");
      }
      expect(hints.readOnlyHint).toBe(op.access === "read");
      expect(hints.destructiveHint).toBe(op.access === "destructive");
      expect(hints.idempotentHint).toBe(isIdempotent(op));
    },
  );

  it.each(operations.map((op) => [op.name] as const))(
    "%s answers with validated structured output or an actionable isError result",
    async (name) => {
      const tool = tools.find((t) => t.name === name) as Tool;
      // The SDK client validates structuredContent against the listed outputSchema and throws if it does not match.
      const args = sampleInput(tool.inputSchema) as Record<string, unknown>;
      const result = await client.callTool({ name, arguments: args });
      if (result.isError === true) {
        const text = textOf(result);
        expect(result.structuredContent).toBeUndefined();
        // What happened (a service code, or the fields core rejected) and what to do next.
        expect(text).toMatch(
          /(Graph|ARM) error \S+ \(HTTP \d{3}\)|Invalid input for|failed before reaching the service/,
        );
        // A service's answer names its request id; core's own checks (unknown permission name, …) have none.
        if (/Ids for a support ticket/.test(text)) expect(text).toMatch(/request-id [0-9a-f-]{36}/);
        expect(text).toMatch(/\nNext: \S|Next: \S/);
      } else {
        expect(result.structuredContent).toBeTypeOf("object");
        expect(textOf(result).length).toBeGreaterThan(0);
      }
    },
  );
});
