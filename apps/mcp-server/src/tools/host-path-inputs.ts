/**
 * The file rule of the MCP server: a tool never takes a path on the server's machine. Inputs the
 * catalog declares with `hostPath()` are left out of every listed schema and refused when sent, and
 * the data travels inline instead; with `--files-dir`, they are offered as names inside that one
 * directory (resolved and checked in files/files-dir.ts), and in `--read-only` mode a path that is
 * written is never offered. A tool that may write a file is not `read`, whatever its tenant access.
 */
import {
  accessWithFiles,
  type HostPathAccess,
  hostPathAccess,
  hostPathInputs,
  mapHostPaths,
  type ObjectSchema,
  type Operation,
  type OperationAccess,
} from "@ciamkit/core";
import { z } from "zod";
import { resolveInFilesDir } from "../files/files-dir.ts";
import type { CallToolResult } from "../mcp-sdk.ts";
import { errorResult } from "./error-result.ts";
import { isObject, type JsonSchema } from "./slim-schema.ts";

/** Where tools may read and write files: nowhere (the default), or inside `--files-dir`. */
export interface FilesPolicy {
  /** The real path of `--files-dir`; undefined: no tool takes a path. */
  dir?: string | undefined;
  /** `--read-only`: no path a tool writes is offered. */
  readOnly?: boolean | undefined;
}

/** Whether a host path of this access is offered. */
export function offersPath(files: FilesPolicy, access: HostPathAccess): boolean {
  return files.dir !== undefined && (access === "read" || files.readOnly !== true);
}

/** The access and idempotency a tool shows: `write` for a read operation while it may write a file. */
export function toolAccess(
  operation: Pick<Operation, "access" | "idempotent" | "input">,
  files: FilesPolicy,
): { access: OperationAccess; idempotent: boolean | undefined } {
  const writes = hostPathInputs(operation.input).some(
    (p) => p.access === "write" && offersPath(files, p.access),
  );
  const access = accessWithFiles(operation, writes);
  // Writing the same file again with the same input gives the same file: the read stays idempotent.
  return { access, idempotent: access !== operation.access ? true : operation.idempotent };
}

/** The marker the JSON Schema of a host path carries until {@link offeredPaths} removes it. */
const MARKER = "x-ciam-host-path";

/** What a listed path input adds to its description, so a model passes a name and not a path. */
const IN_FILES_DIR = "A name inside ciam-mcp's files directory.";

/**
 * The input JSON Schema of a tool as offered: host paths left out (with their `required` entry, or
 * their alternative of a union), or, when offered, described as names inside the files directory.
 */
export function offeredInputSchema(
  schema: ObjectSchema,
  files: FilesPolicy,
  target?: "draft-07" | undefined,
): JsonSchema {
  const json = z.toJSONSchema(schema, {
    io: "input",
    ...(target === undefined ? {} : { target }),
    override: (ctx) => {
      const access = hostPathAccess(ctx.zodSchema);
      if (access !== undefined) (ctx.jsonSchema as JsonSchema)[MARKER] = access;
    },
  }) as JsonSchema;
  return offeredPaths(json, files) ?? {};
}

function offeredPaths(node: JsonSchema, files: FilesPolicy): JsonSchema | undefined {
  const access = node[MARKER] as HostPathAccess | undefined;
  if (access !== undefined) {
    if (!offersPath(files, access)) return undefined;
    const { [MARKER]: _, ...rest } = node;
    return { ...rest, description: [rest.description, IN_FILES_DIR].filter(Boolean).join(" ") };
  }
  const out: JsonSchema = { ...node };
  if (isObject(node.properties)) {
    const properties: JsonSchema = {};
    for (const [key, child] of Object.entries(node.properties)) {
      const kept = isObject(child) ? offeredPaths(child, files) : child;
      if (kept !== undefined) properties[key] = kept;
    }
    out.properties = properties;
    if (Array.isArray(node.required)) out.required = node.required.filter((key) => key in properties);
  }
  for (const key of ["items", "additionalProperties"] as const) {
    const child = node[key];
    if (isObject(child)) out[key] = offeredPaths(child, files) ?? {};
  }
  for (const key of ["anyOf", "oneOf"] as const) {
    const options = node[key];
    if (!Array.isArray(options)) continue;
    const kept = options.flatMap((o) => {
      const k = isObject(o) ? offeredPaths(o, files) : o;
      return k === undefined ? [] : [k];
    });
    if (kept.length === 0) return undefined;
    delete out[key];
    // One alternative left (a mapping as an object, without its file form): the field is that one.
    if (kept.length === 1 && isObject(kept[0])) return { ...kept[0], ...out };
    out[key] = kept;
  }
  return out;
}

/** The input with its host paths resolved inside the files directory, or the refusal to answer with. */
export type HostPathCheck =
  | { ok: true; input: Record<string, unknown> }
  | { ok: false; result: CallToolResult };

/**
 * Checks the host paths of a valid input before anything runs. Without `--files-dir` (or a written
 * path in `--read-only` mode) any path is refused; with it, each is resolved inside the directory
 * and replaced by its real path, or the call is refused naming the field and the reason. Nothing is
 * read, written or sent for a refused call, and no refusal quotes a file.
 */
export function checkHostPaths(
  tool: string,
  schema: ObjectSchema,
  input: Record<string, unknown>,
  files: FilesPolicy,
): HostPathCheck {
  const refused: { field: string; access: HostPathAccess }[] = [];
  const problems: string[] = [];
  const root = files.dir;
  const resolved = mapHostPaths(schema, input, (found) => {
    const field = found.at.join(".");
    if (root === undefined || !offersPath(files, found.access)) {
      refused.push({ field, access: found.access });
      return found.value;
    }
    const result = resolveInFilesDir(root, found.value, found.access);
    if ("problem" in result) {
      problems.push(`${field}: ${JSON.stringify(found.value)} ${result.problem}`);
      return found.value;
    }
    return result.path;
  }) as Record<string, unknown>;
  const nothing = "nothing was read, written or sent";
  if (refused.length > 0) {
    const fields = refused.map((r) => r.field).join(", ");
    const one = refused.length === 1;
    const why =
      root === undefined
        ? `${one ? "is a path" : "are paths"} on the machine ciam-mcp runs on, which its tools do not take`
        : `${one ? "writes a file" : "write files"}, which a --read-only server does not do`;
    const next =
      root === undefined
        ? "give the data itself (the tool's input schema says how: text, base64 or records; results carry what would have been written), or ask the user to restart ciam-mcp with --files-dir <dir> and name a file inside that directory"
        : `call ${tool} without ${one ? "it" : "them"}; the result carries the data`;
    return { ok: false, result: errorResult(`Refused (${nothing}): ${fields} ${why}. Next: ${next}.`) };
  }
  if (problems.length > 0)
    return {
      ok: false,
      result: errorResult(
        `Invalid input for ${tool} (${nothing}): ${problems.join("; ")}. Next: name a file inside ciam-mcp's files directory, relative to it (e.g. users.csv or imports/users.csv).`,
      ),
    };
  return { ok: true, input: resolved };
}
