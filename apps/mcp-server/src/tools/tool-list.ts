import type { ObjectSchema } from "@ciamkit/core";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import {
  type CallToolResult,
  ListToolsRequestSchema,
  type Tool,
  type ToolAnnotations,
} from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { ToolExtra } from "./call-operation.ts";
import { errorResult } from "./error-result.ts";

/** A tool as the server declares it: zod schemas (enforced on every call) and its hints. */
export interface ToolConfig<I extends ObjectSchema = ObjectSchema> {
  title: string;
  description: string;
  inputSchema: I;
  outputSchema: ObjectSchema;
  annotations: ToolAnnotations;
}

/**
 * The tools a server lists. Every tool is registered through {@link addTool}, so the list and the
 * handlers cannot disagree, and {@link serveToolList} answers `tools/list` from it with slimmed
 * schemas (see {@link slimSchema}).
 */
export type ToolList = Tool[];

/**
 * Any object: what the SDK checks a tool's arguments against before calling it. The wrapper validates
 * them against the tool's own schema instead, so a bad argument gets the same actionable `isError`
 * result as every other failure rather than the SDK's bare protocol message.
 */
const anyArguments = z.object({}).catchall(z.unknown());

/**
 * Registers a tool with the SDK (which checks structured results against the output schema) and
 * lists it with its real input schema.
 */
export function addTool<I extends ObjectSchema>(
  server: McpServer,
  list: ToolList,
  name: string,
  config: ToolConfig<I>,
  callback: (args: z.output<I>, extra: ToolExtra) => CallToolResult | Promise<CallToolResult>,
): void {
  server.registerTool(name, { ...config, inputSchema: anyArguments }, (args, extra) => {
    const parsed = config.inputSchema.safeParse(args);
    if (parsed.success) return callback(parsed.data, extra);
    return errorResult(
      `Invalid input for ${name} (nothing was sent): ${issueList(parsed.error)}. Next: fix these fields to match the tool's input schema and call it again.`,
    );
  });
  list.push({
    name,
    title: config.title,
    description: config.description,
    inputSchema: slimSchema(
      z.toJSONSchema(config.inputSchema, { target: "draft-07", io: "input" }),
      false,
    ) as Tool["inputSchema"],
    outputSchema: slimSchema(
      z.toJSONSchema(config.outputSchema, { target: "draft-07", io: "output" }),
      true,
    ) as Tool["outputSchema"],
    annotations: config.annotations,
  });
}

/** A zod error as `path: message` items, one per problem. */
export function issueList(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "(input)"}: ${issue.message}`).join("; ");
}

/** Answers `tools/list` with the listed tools, replacing the SDK's handler (which lists full schemas). */
export function serveToolList(server: McpServer, list: ToolList): void {
  server.server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: list }));
}

/**
 * A JSON Schema with what costs a model tokens but tells it nothing removed: the `$schema` keyword,
 * regular expressions that restate a `format` (zod spells out every ISO date-time as a 300-character
 * pattern), and, in output schemas, `additionalProperties: false` and `null` alternatives: tool results never carry null properties
 * (they are dropped before sending), so a property that may be null is simply optional.
 */
export function slimSchema(schema: unknown, output: boolean): unknown {
  if (Array.isArray(schema)) return schema.map((s) => slimSchema(s, output));
  if (schema === null || typeof schema !== "object") return schema;
  const node = { ...(schema as Record<string, unknown>) };
  delete node.$schema;
  // zod names some checks as formats JSON Schema does not have (`includes`, `starts_with`): the
  // pattern carries the rule then; a standard format makes its restating pattern redundant.
  if (typeof node.format === "string" && !STANDARD_FORMATS.has(node.format)) delete node.format;
  if (typeof node.format === "string") delete node.pattern;
  if (output) {
    // Core strips unknown properties from results, so closing output objects adds nothing.
    if (node.additionalProperties === false) delete node.additionalProperties;
    if (Array.isArray(node.type)) {
      const types = node.type.filter((t) => t !== "null");
      node.type = types.length === 1 ? types[0] : types;
    }
    for (const key of ["anyOf", "oneOf"] as const) {
      const options = node[key];
      if (!Array.isArray(options)) continue;
      const kept = options.filter((o) => !(isObject(o) && o.type === "null" && Object.keys(o).length === 1));
      if (kept.length === 1 && isObject(kept[0])) {
        delete node[key];
        Object.assign(node, kept[0]);
      } else node[key] = kept;
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === "properties" && isObject(value)
        ? mapValues(value, (v) => slimSchema(v, output))
        : slimSchema(value, output);
  }
  return out;
}

const STANDARD_FORMATS = new Set([
  "date-time",
  "date",
  "time",
  "duration",
  "email",
  "hostname",
  "ipv4",
  "ipv6",
  "uri",
  "uri-reference",
  "uuid",
  "regex",
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function mapValues(
  record: Record<string, unknown>,
  fn: (value: unknown) => unknown,
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fn(v)]));
}
