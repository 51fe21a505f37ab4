import { isIdempotent, type Operation, type OperationAccess } from "@ciamkit/core";
import { z } from "zod";
import type { McpServer } from "../mcp-sdk.ts";
import { annotationsFor } from "../tools/annotations.ts";
import { callOperation, type ToolRuntime } from "../tools/call-operation.ts";
import { errorResult } from "../tools/error-result.ts";
import { hiddenInputs, withoutHiddenInputs } from "../tools/hidden-inputs.ts";
import { type FilesPolicy, offeredInputSchema, toolAccess } from "../tools/host-path-inputs.ts";
import { toolInputSchema } from "../tools/page-size.ts";
import { addTool, type ToolList } from "../tools/tool-list.ts";
import { searchOperations } from "./search.ts";

const summarySchema = z.object({
  name: z.string(),
  title: z.string(),
  toolset: z.string(),
  access: z.enum(["read", "write", "destructive"]),
});

/**
 * Discovery mode: three meta-tools instead of one tool per operation, for clients whose context
 * cannot hold the whole catalog. They offer only the operations the server was started with, and
 * `operation_run` goes through the same wrapper as a catalog tool: core validates the input against
 * the operation's schema, read-only mode hides write operations, and destructive ones are confirmed.
 */
export function registerDiscoveryTools(
  server: McpServer,
  operations: readonly Operation[],
  runtime: ToolRuntime,
  list: ToolList,
): void {
  const byName = new Map(operations.map((op) => [op.name, op]));
  const unknown = (name: string) =>
    errorResult(
      `No operation named ${name} is available on this server (it may be hidden by --read-only, --toolsets or --tools). Next: call operation_search to find the right name.`,
    );

  addTool(
    server,
    list,
    "operation_search",
    {
      title: "Search tenant operations",
      description:
        "Finds the operations this server can run on the Microsoft Entra External ID tenant (users, groups, apps, audit logs, …) by keywords. Returns names to pass to operation_describe and operation_run.",
      inputSchema: z.object({
        query: z
          .string()
          .max(200)
          .describe('Keywords, e.g. "delete user" or "sign-in logs"; empty lists the first 15.'),
      }),
      outputSchema: z.object({ operations: z.array(summarySchema) }),
      annotations: annotationsFor({ access: "read" }),
    },
    ({ query }) => {
      const found = searchOperations(operations, query).map((op) => ({
        name: op.name,
        title: op.title,
        toolset: op.area,
        access: op.access,
      }));
      const text = found.map((op) => `${op.name} (${op.access}): ${op.title}`).join("\n");
      return {
        structuredContent: { operations: found },
        content: [{ type: "text", text: text === "" ? "No operation matches." : text }],
      };
    },
  );

  addTool(
    server,
    list,
    "operation_describe",
    {
      title: "Describe a tenant operation",
      description:
        "Returns one operation's description, access level, required permissions and the JSON Schema of its input, to call it with operation_run.",
      inputSchema: z.object({ name: z.string().describe("Operation name from operation_search.") }),
      outputSchema: summarySchema.extend({
        description: z.string(),
        permissions: z.array(z.string()),
        inputSchema: z.record(z.string(), z.unknown()),
      }),
      annotations: annotationsFor({ access: "read" }),
    },
    ({ name }) => {
      const op = byName.get(name);
      if (op === undefined) return unknown(name);
      const described = {
        name: op.name,
        title: op.title,
        toolset: op.area,
        access: op.access,
        description: op.description,
        permissions: [...op.permissions],
        inputSchema: withoutHiddenInputs(
          offeredInputSchema(toolInputSchema(op), runtime.files),
          hiddenInputs(op),
        ),
      };
      return {
        structuredContent: described,
        content: [{ type: "text", text: JSON.stringify(described) }],
      };
    },
  );

  addTool(
    server,
    list,
    "operation_run",
    {
      title: "Run a tenant operation",
      description:
        "Runs one operation by name with its input (see operation_describe for the schema). Destructive operations ask the user to confirm first. Returns the operation's result.",
      inputSchema: z.object({
        name: z.string().describe("Operation name from operation_search."),
        input: z.record(z.string(), z.unknown()).default({}).describe("The operation's input."),
      }),
      outputSchema: z.object({ operation: z.string(), result: z.record(z.string(), z.unknown()) }),
      annotations: annotationsFor({
        access: widestAccess(operations, runtime.files),
        idempotent: operations.every((op) => isIdempotent(toolAccess(op, runtime.files))),
      }),
    },
    async ({ name, input }, extra) => {
      const op = byName.get(name);
      if (op === undefined) {
        // The name is the model's text: logged only when it looks like an operation name.
        runtime.log(
          `ciam-mcp: operation_run refused ${/^[a-z][a-z_]{0,63}$/.test(name) ? name : "an unknown name"} (not offered)`,
        );
        return unknown(name);
      }
      const result = await callOperation(server, runtime, op, input, extra);
      if (result.isError === true) return result;
      return { ...result, structuredContent: { operation: name, result: result.structuredContent ?? {} } };
    },
  );
}

/** The most an operation offered here can change (files included): what `operation_run` may do, so its hints. */
function widestAccess(operations: readonly Operation[], files: FilesPolicy): OperationAccess {
  const access = operations.map((op) => toolAccess(op, files).access);
  if (access.includes("destructive")) return "destructive";
  return access.includes("write") ? "write" : "read";
}
