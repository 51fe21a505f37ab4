/**
 * Inputs that name a file on the machine the operation runs on (the CLI user's, or the MCP server's).
 * They are declared with {@link hostPath}, so every surface can find them in any schema: the CLI
 * offers them, an MCP server never does unless its operator names one directory for files
 * (`ciam-mcp --files-dir`), and a surface that lets an operation write files does not call it `read`.
 */
import { z } from "zod";
import type { OperationAccess } from "./define-operation.ts";

/** What an operation does with the file a host path names: reads it, or writes (creates, overwrites, appends to) it. */
export type HostPathAccess = "read" | "write";

const registry = z.registry<{ access: HostPathAccess }>();

/** The longest path accepted (Linux's PATH_MAX). */
const MAX_PATH = 4096;

/**
 * A path on the host, trimmed, as an input schema. Wrap it (`.optional()`, a union with an inline
 * form) as any schema; copies made by `.describe()` keep the marker (zod registries follow clones).
 */
export function hostPath(access: HostPathAccess, description: string): z.ZodString {
  return z.string().trim().min(1).max(MAX_PATH).describe(description).register(registry, { access });
}

/** The access of a schema declared with {@link hostPath}; undefined for any other schema. */
export function hostPathAccess(schema: unknown): HostPathAccess | undefined {
  return schema instanceof z.ZodType ? registry.get(schema)?.access : undefined;
}

/** One host path in an input schema. */
export interface HostPathInput {
  /** Where: `file`, `mapping` (one alternative of it), `default.files.*.file`, `items[].file`. */
  path: string;
  access: HostPathAccess;
  /**
   * A caller can leave it out: it is an optional property (or inside one), or an alternative of a
   * union that has another. Every host path must be, so a surface can withhold it.
   */
  droppable: boolean;
}

/** The zod definition fields the walkers read (zod 4's `_zod.def`). */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
}

const def = (schema: z.ZodType): Def => schema._zod.def as unknown as Def;

/** Wrappers whose inner schema is what a caller writes, and whether they let the value be left out. */
const WRAPPERS: Readonly<Record<string, boolean>> = {
  optional: true,
  default: true,
  prefault: true,
  nullable: false,
  nonoptional: false,
  readonly: false,
  catch: false,
};

/** Schemas deeper than this are not walked (the catalog has no recursive input). */
const MAX_DEPTH = 16;

/** Every host path of an input schema, at any depth. */
export function hostPathInputs(schema: z.ZodType): HostPathInput[] {
  const out: HostPathInput[] = [];
  const walk = (node: z.ZodType, path: string, droppable: boolean, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    const access = hostPathAccess(node);
    if (access !== undefined) {
      out.push({ path, access, droppable });
      return;
    }
    const d = def(node);
    const wrapper = WRAPPERS[d.type];
    if (wrapper !== undefined && d.innerType !== undefined) {
      walk(d.innerType, path, droppable || wrapper, depth + 1);
    } else if (d.type === "pipe" && d.in !== undefined) walk(d.in, path, droppable, depth + 1);
    else if (d.type === "object" && d.shape !== undefined) {
      for (const [key, child] of Object.entries(d.shape))
        walk(child, path === "" ? key : `${path}.${key}`, false, depth + 1);
    } else if (d.type === "array" && d.element !== undefined) walk(d.element, `${path}[]`, false, depth + 1);
    else if (d.type === "record" && d.valueType !== undefined)
      walk(d.valueType, `${path}.*`, false, depth + 1);
    else if (d.type === "union" && d.options !== undefined) {
      const others = d.options.filter((o) => hostPathAccess(o) === undefined).length > 0;
      for (const option of d.options) walk(option, path, droppable || others, depth + 1);
    } else if (d.type === "intersection" && d.left !== undefined && d.right !== undefined) {
      walk(d.left, path, droppable, depth + 1);
      walk(d.right, path, droppable, depth + 1);
    }
  };
  walk(schema, "", false, 0);
  return out;
}

/** A host path found in an input value. */
export interface HostPathValue {
  /** Where it is in the input: `["file"]`, `["default", "files", "squareLogo", "file"]`. */
  at: (string | number)[];
  access: HostPathAccess;
  value: string;
}

/**
 * The host paths an input (already valid for `schema`) carries, each passed to `replace`, whose
 * answer takes its place in the returned copy (the input itself is not changed). For a union, the
 * first alternative the value matches decides whether it is a path (`mapping`: a file name, or the
 * mapping itself).
 */
export function mapHostPaths(
  schema: z.ZodType,
  input: unknown,
  replace: (found: HostPathValue) => string,
): unknown {
  const walk = (node: z.ZodType, value: unknown, at: (string | number)[], depth: number): unknown => {
    if (depth > MAX_DEPTH || value === undefined || value === null) return value;
    const access = hostPathAccess(node);
    if (access !== undefined) return typeof value === "string" ? replace({ at, access, value }) : value;
    const d = def(node);
    if (WRAPPERS[d.type] !== undefined && d.innerType !== undefined)
      return walk(d.innerType, value, at, depth + 1);
    if (d.type === "pipe" && d.in !== undefined) return walk(d.in, value, at, depth + 1);
    if (d.type === "object" && d.shape !== undefined && isRecord(value)) {
      const out: Record<string, unknown> = { ...value };
      for (const [key, child] of Object.entries(d.shape))
        if (key in value) out[key] = walk(child, value[key], [...at, key], depth + 1);
      return out;
    }
    if (d.type === "array" && d.element !== undefined && Array.isArray(value)) {
      const element = d.element;
      return value.map((item, i) => walk(element, item, [...at, i], depth + 1));
    }
    if (d.type === "record" && d.valueType !== undefined && isRecord(value)) {
      const values = d.valueType;
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, walk(values, item, [...at, key], depth + 1)]),
      );
    }
    if (d.type === "union" && d.options !== undefined) {
      const match = d.options.find((option) => option.safeParse(value).success);
      return match === undefined ? value : walk(match, value, at, depth + 1);
    }
    if (d.type === "intersection" && d.left !== undefined && d.right !== undefined)
      return walk(d.right, walk(d.left, value, at, depth + 1), at, depth + 1);
    return value;
  };
  return walk(schema, input, [], 0);
}

/** The host paths an input carries (see {@link mapHostPaths}). */
export function hostPathValues(schema: z.ZodType, input: unknown): HostPathValue[] {
  const found: HostPathValue[] = [];
  mapHostPaths(schema, input, (path) => {
    found.push(path);
    return path.value;
  });
  return found;
}

/**
 * The access an operation has on a surface: its own, or `write` for a `read` operation while the
 * surface lets it write files (an export to a file changes the machine, even if not the tenant).
 */
export function accessWithFiles(
  operation: { readonly access: OperationAccess },
  writesFiles: boolean,
): OperationAccess {
  return writesFiles && operation.access === "read" ? "write" : operation.access;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
