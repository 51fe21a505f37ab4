/**
 * Reading a spec folder (CLI): one YAML file per kind, `--values` overlays merged over it in order,
 * `${env:NAME}` and `${file:path}` resolved in plain fields (secrets keep their placeholder until
 * apply sends them), then the schema. Every problem is reported at once with its file, line and path,
 * before any request.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type * as Yaml from "yaml";
import type { LineCounter, Node } from "yaml";
import { InputError } from "../input-error.ts";
import { lazyModule } from "../lazy-module.ts";
import { checkSpec } from "./check-spec.ts";
import { misnamedKindFiles } from "./misnamed-files.ts";
import { readSpecDirFiles } from "./spec-dir-files.ts";
import { SpecError, type SpecLocator, type SpecProblem } from "./spec-error.ts";
import { KIND_FILES, KINDS, type Kind, type TenantSpec } from "./spec-schema.ts";

const loadYaml = lazyModule<typeof Yaml>("yaml");

/** A spec read from files, with where each of its values was written. */
export interface LoadedSpec {
  spec: TenantSpec;
  locate: SpecLocator;
  /** The folder `${file:…}` secrets are relative to. */
  baseDir: string;
  /** The files the spec names beside its YAML (branding images, CSS), by path relative to `baseDir`. */
  files: Record<string, Uint8Array>;
  /** The file each whole `${file:…}` value was read from, by spec path (policy XML lines). */
  sources: Map<string, string>;
}

interface ParsedFile {
  file: string;
  /** The document's root, for kind files the kind's map; for values files the whole overlay. */
  root: Node | null;
  lines: LineCounter;
  /** Path prefix of `root` in the spec: `[kind]` for a kind file, `[]` for a values file. */
  prefix: readonly (string | number)[];
  value: unknown;
}

function parseFile(file: string, prefix: readonly string[], problems: SpecProblem[]): ParsedFile | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    problems.push({
      file,
      path: prefix.join(".") || "(file)",
      message: `cannot read it (${(error as NodeJS.ErrnoException).code ?? "error"})`,
    });
    return undefined;
  }
  const yaml = loadYaml();
  const lines = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const pos = lines.linePos(e.pos[0]);
      problems.push({
        file,
        line: pos.line,
        column: pos.col,
        path: prefix.join(".") || "(file)",
        message: e.message.split("\n")[0] ?? "not YAML",
      });
    }
    return undefined;
  }
  const value = doc.toJS() ?? {};
  if (typeof value !== "object" || Array.isArray(value)) {
    problems.push({
      file,
      line: 1,
      path: prefix.join(".") || "(file)",
      message: "expected a mapping of names to settings",
    });
    return undefined;
  }
  return { file, root: (doc.contents as Node | null) ?? null, lines, prefix, value };
}

/** The node at `path` under `root`, or the deepest one on the way. */
function nodeAt(
  root: Node | null,
  path: readonly (string | number)[],
  atKey = false,
): { node: Node; exact: boolean } | undefined {
  const { isMap, isScalar, isSeq } = loadYaml();
  let node: Node | null = root;
  for (const [i, step] of path.entries()) {
    let next: Node | undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
      const last = i === path.length - 1;
      next =
        ((atKey && last ? pair?.key : pair?.value) as Node | undefined) ?? (pair?.key as Node | undefined);
    } else if (isSeq(node) && typeof step === "number") next = node.items[step] as Node | undefined;
    if (next === undefined) return node === null ? undefined : { node, exact: i === path.length };
    node = next;
  }
  return node === null ? undefined : { node, exact: true };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** `overlay` over `base`: mappings merged key by key, anything else replaced. */
export function mergeSpec(base: unknown, overlay: unknown): unknown {
  if (!isObject(base) || !isObject(overlay)) return overlay;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(overlay)) out[k] = k in out ? mergeSpec(out[k], v) : v;
  return out;
}

/** Reads a spec folder and its values overlays; throws a {@link SpecError} listing every problem. */
export function loadSpecDir(
  dir: string,
  options: {
    values?: readonly string[] | undefined;
    env?: Readonly<Record<string, string | undefined>> | undefined;
  } = {},
): LoadedSpec {
  const base = resolve(dir);
  if (!existsSync(base) || !statSync(base).isDirectory())
    throw new InputError(`${dir} is not a folder; give the folder \`ciam config export\` wrote`);
  const problems: SpecProblem[] = [];
  const files: ParsedFile[] = [];
  for (const kind of KINDS) {
    const file = join(base, KIND_FILES[kind]);
    if (!existsSync(file)) continue;
    const parsed = parseFile(file, [kind], problems);
    if (parsed !== undefined) files.push(parsed);
  }
  problems.push(...misnamedKindFiles(base, options.values ?? []));
  const present = new Set(files.map((f) => f.prefix[0]));
  if (files.length === 0 && problems.length === 0)
    throw new InputError(
      `${dir} has none of ${Object.values(KIND_FILES).join(", ")}; export a tenant into it first`,
    );
  for (const valuesFile of options.values ?? []) {
    const parsed = parseFile(resolve(valuesFile), [], problems);
    if (parsed === undefined) continue;
    for (const key of Object.keys(parsed.value as object)) {
      if (!(KINDS as readonly string[]).includes(key))
        problems.push({ ...locateIn(parsed, [key]), path: key, message: `not a kind (${KINDS.join(", ")})` });
      else if (!present.has(key))
        problems.push({
          ...locateIn(parsed, [key]),
          path: key,
          message: `the spec has no ${KIND_FILES[key as Kind]} to overlay`,
        });
    }
    files.push(parsed);
  }
  if (problems.length > 0) throw new SpecError(problems);

  let raw: unknown = {};
  for (const f of files)
    raw = mergeSpec(raw, f.prefix.length === 0 ? f.value : { [String(f.prefix[0])]: f.value });
  // The last file that wrote a path is where its value came from.
  const locate: SpecLocator = (path, atKey) => {
    let fallback: ReturnType<SpecLocator>;
    for (const f of [...files].reverse()) {
      if (f.prefix.some((p, i) => path[i] !== p)) continue;
      const found = nodeAt(f.root, path.slice(f.prefix.length), atKey);
      if (found === undefined) continue;
      const at = locateNode(f, found.node);
      if (found.exact) return at;
      fallback ??= at;
    }
    return fallback;
  };
  const sources = new Map<string, string>();
  const spec = checkSpec(raw, { locate, env: options.env, baseDir: base, sources });
  return { spec, locate, baseDir: base, files: readSpecDirFiles(base, spec, locate), sources };
}

function locateNode(f: ParsedFile, node: Node) {
  const pos = f.lines.linePos(node.range?.[0] ?? 0);
  return { file: f.file, line: pos.line, column: pos.col };
}

function locateIn(f: ParsedFile, path: readonly (string | number)[]) {
  const found = nodeAt(f.root, path, true);
  return found === undefined ? { file: f.file } : locateNode(f, found.node);
}

/** The folder a file of the spec is in (for messages). */
export const specDirOf = (file: string): string => dirname(file);
