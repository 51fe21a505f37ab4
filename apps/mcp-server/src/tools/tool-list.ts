import { InvalidInputError, type ObjectSchema, validateInput } from "@ciamkit/core";
import { z } from "zod";
import {
  type CallToolResult,
  ListToolsRequestSchema,
  type McpServer,
  type Tool,
  type ToolAnnotations,
} from "../mcp-sdk.ts";
import type { ToolExtra } from "./call-operation.ts";
import { invalidInputResult } from "./error-result.ts";
import { hiddenInputRefusal, withoutHiddenInputs } from "./hidden-inputs.ts";
import { type FilesPolicy, offeredInputSchema, offersPath } from "./host-path-inputs.ts";
import { referenceRepeatedInputs } from "./input-references.ts";
import { referenceRepeatedOutputs } from "./output-references.ts";
import { outputJsonSchema, slimSchema } from "./slim-schema.ts";

/** A tool as the server declares it: zod schemas (enforced on every call) and its hints. */
export interface ToolConfig<I extends ObjectSchema = ObjectSchema> {
  title: string;
  description: string;
  inputSchema: I;
  outputSchema: ObjectSchema;
  annotations: ToolAnnotations;
  /** Input fields neither listed nor accepted (an operation's CLI-only inputs). */
  hiddenInputs?: readonly string[] | undefined;
  /** Which host paths (`hostPath()` inputs) the listed schema offers: none by default. */
  files?: FilesPolicy | undefined;
  /**
   * The callback validates the arguments itself (a catalog tool: `callOperation` hands them to core's
   * `validateInput`), so they are validated once; otherwise they are validated here.
   */
  validatesInput?: boolean | undefined;
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
 * Whether the SDK checks each structured result against the tool's output schema again: in tests
 * and development builds (`NODE_ENV` is not `production`). Core has validated and shaped the output
 * once already (ADR 0012), so a production server does not pay for a second check.
 */
const checkResults = process.env.NODE_ENV !== "production";

/**
 * Registers a tool with the SDK and lists it with its real input schema. Arguments are validated
 * once, with core's {@link validateInput} (unknown fields at any depth refused, then the schema), here
 * or by the callback ({@link ToolConfig.validatesInput}).
 */
export function addTool<I extends ObjectSchema>(
  server: McpServer,
  list: ToolList,
  name: string,
  config: ToolConfig<I>,
  callback: (args: z.output<I>, extra: ToolExtra) => CallToolResult | Promise<CallToolResult>,
): void {
  const { hiddenInputs: hidden = [], files = {}, validatesInput = false, outputSchema, ...declared } = config;
  const registered = { ...declared, inputSchema: anyArguments, ...(checkResults ? { outputSchema } : {}) };
  server.registerTool(name, registered, (args, extra) => {
    const refusal = hiddenInputRefusal(name, hidden, args);
    if (refusal !== undefined) return refusal;
    if (validatesInput) return callback(args as z.output<I>, extra);
    let input: z.output<I>;
    try {
      input = validateInput({ name, input: config.inputSchema }, args);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      return invalidInputResult(name, error, Object.keys(config.inputSchema.shape));
    }
    return callback(input, extra);
  });
  list.push({
    name,
    title: config.title,
    description: config.description,
    inputSchema: listedInput(config.inputSchema, hidden, files),
    outputSchema: listedOutput(config.outputSchema),
    annotations: config.annotations,
  });
}

/**
 * The listed (slimmed JSON) schemas of each zod schema, converted once per process: every HTTP
 * session builds its own server, and converting the whole catalog took ~40 ms and ~0.4 MB each time.
 * The listed objects are shared, so nothing may change them (the list builders copy what they alter).
 */
const listedInputs = new WeakMap<ObjectSchema, Map<string, Tool["inputSchema"]>>();
const listedOutputs = new WeakMap<ObjectSchema, Tool["outputSchema"]>();

function listedInput(
  schema: ObjectSchema,
  hidden: readonly string[],
  files: FilesPolicy,
): Tool["inputSchema"] {
  const byUse = listedInputs.get(schema) ?? new Map<string, Tool["inputSchema"]>();
  listedInputs.set(schema, byUse);
  // The listed schema depends on the files policy only through which host paths it offers.
  const paths = `${offersPath(files, "read") ? "r" : ""}${offersPath(files, "write") ? "w" : ""}`;
  const key = `${paths}:${hidden.join(",")}`;
  let listed = byUse.get(key);
  if (listed === undefined) {
    listed = slimSchema(
      withoutHiddenInputs(offeredInputSchema(schema, files, "draft-07"), hidden),
      false,
    ) as Tool["inputSchema"];
    byUse.set(key, listed);
  }
  return listed;
}

function listedOutput(schema: ObjectSchema): Tool["outputSchema"] {
  let listed = listedOutputs.get(schema);
  if (listed === undefined) {
    listed = slimSchema(outputJsonSchema(schema), true) as Tool["outputSchema"];
    listedOutputs.set(schema, listed);
  }
  return listed;
}

/**
 * Answers `tools/list` with the listed tools, replacing the SDK's handler (which lists full schemas).
 * A result shape or a large input field spelled out in one listed tool is named rather than repeated
 * in the others (see {@link referenceRepeatedOutputs} and {@link referenceRepeatedInputs}).
 */
export function serveToolList(server: McpServer, list: ToolList): void {
  server.server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: referenceRepeatedInputs(referenceRepeatedOutputs(list)),
  }));
}
