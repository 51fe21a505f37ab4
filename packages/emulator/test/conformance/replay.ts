import { png } from "../../src/testing/images.ts";
import type { TestEmulator } from "../helpers/emulator.ts";
import type { Example, Step } from "./fixture.ts";

/** What a replay knows besides the setup replies: `{uniq}`, `{domain}`, `{tenantId}`, `{graphSpId}`. */
export type Vars = Record<string, unknown>;

export interface Answer {
  status: number;
  contentType: string;
  // biome-ignore lint/suspicious/noExplicitAny: Graph JSON compared structurally
  json: any;
  text: string;
}

const PLACEHOLDER = /\{([A-Za-z]\w*(?:\.[\w@.-]+)?)\}/g;

/** The value at `name.a.0.b` in `vars` (a missing one is a fixture error, said plainly). */
function lookup(vars: Vars, ref: string): string {
  const [root, ...path] = ref.split(".");
  let v: unknown = vars[root as string];
  if (v === undefined) throw new Error(`placeholder {${ref}}: no setup step binds "${root}"`);
  for (const key of path) v = (v as Record<string, unknown> | undefined)?.[key];
  if (typeof v !== "string" && typeof v !== "number")
    throw new Error(`placeholder {${ref}}: ${JSON.stringify(v)} is not a string`);
  return String(v);
}

/** Replaces `{…}` placeholders in every string of a JSON value. */
export function substitute<T>(value: T, vars: Vars): T {
  if (typeof value === "string")
    return value.replace(PLACEHOLDER, (_m, ref: string) => lookup(vars, ref)) as T;
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars)) as T;
  if (value !== null && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [substitute(k, vars), substitute(v, vars)]),
    ) as T;
  return value;
}

/** Sends one step over HTTPS to the emulator's Graph with the token. */
export async function send(t: TestEmulator, token: string, s: Omit<Step, "as">, vars: Vars): Promise<Answer> {
  const url = substitute(s.url, vars);
  const headers: Record<string, string> = {
    authorization: `Bearer ${token}`,
    ...substitute(s.headers ?? {}, vars),
  };
  let body: string | Buffer | undefined;
  if (s.raw === "png") {
    body = png(10, 10);
    headers["content-type"] = s.contentType ?? "image/png";
  } else if (s.body !== undefined) {
    const b = substitute(s.body, vars);
    body = typeof b === "string" ? b : JSON.stringify(b);
    headers["content-type"] = s.contentType ?? "application/json";
  }
  const res = await t.fetch(`${t.emu.graphUrl}${url}`, {
    method: s.method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const contentType = res.headers.get("content-type") ?? "";
  const text = bytes.toString("utf8");
  const json = /json/.test(contentType) && bytes.length > 0 ? JSON.parse(text) : undefined;
  return { status: res.status, contentType, json, text };
}

const isAnnotation = (k: string) => k.startsWith("@odata.") || k.includes("@odata.");

/** What differs between the emulator's answer and the documented response (empty when it conforms). */
export function compare(doc: Example["response"], got: Answer): string[] {
  const problems: string[] = [];
  if (got.status !== doc.status) {
    const why = got.json?.error ? `: ${got.json.error.code} ${got.json.error.message}` : "";
    return [`status ${got.status}, documented ${doc.status}${why}`];
  }
  if (doc.contentType !== undefined && !got.contentType.includes(doc.contentType))
    problems.push(`content-type ${got.contentType}, documented ${doc.contentType}`);
  if (doc.text === "count" && !/^\d+$/.test(got.text))
    problems.push(`expected a count, got ${got.text.slice(0, 80)}`);
  if (doc.text === "xml" && !got.text.trimStart().startsWith("<"))
    problems.push(`expected XML, got ${got.text.slice(0, 80)}`);
  if (doc.text === "bytes" && got.text.length === 0) problems.push("expected bytes, got an empty body");
  if (doc.errorCode !== undefined && got.json?.error?.code !== doc.errorCode)
    problems.push(`error code ${String(got.json?.error?.code)}, documented ${doc.errorCode}`);
  const body = got.json as Record<string, unknown> | undefined;
  if (doc.context !== undefined) {
    const ctx = body?.["@odata.context"];
    const want = `$metadata#${doc.context}`;
    if (typeof ctx !== "string" || !ctx.endsWith(want))
      problems.push(`@odata.context ${String(ctx)}, documented …${want}`);
  }
  if (doc.properties !== undefined) problems.push(...names(body, doc.properties, doc.exact === true, ""));
  if (doc.valueProperties !== undefined) {
    const items = body?.value;
    if (!Array.isArray(items) || items.length === 0)
      problems.push("value: empty or absent, documented items");
    else
      for (const [i, item] of items.entries())
        problems.push(
          ...names(item as Record<string, unknown>, doc.valueProperties, doc.exact === true, `value[${i}].`),
        );
  }
  const returned = Array.isArray(body?.value)
    ? (body.value as Record<string, unknown>[])
    : body
      ? [body]
      : [];
  for (const name of doc.absent ?? [])
    if (returned.some((item) => item !== null && typeof item === "object" && name in item))
      problems.push(`${name}: returned without $select (documented as $select-only)`);
  // One line per kind of problem across the items, so a list of 20 users reads as one deviation.
  return [...new Set(problems.map((p) => p.replace(/^value\[\d+\]\./, "value[].")))];
}

function names(
  obj: Record<string, unknown> | undefined,
  documented: readonly string[],
  exact: boolean,
  at: string,
): string[] {
  if (obj === undefined || obj === null || typeof obj !== "object")
    return [`${at || "body"}: no JSON object`];
  const problems = documented.filter((p) => !(p in obj)).map((p) => `${at}${p}: missing`);
  if (exact) {
    const allowed = new Set(documented);
    for (const k of Object.keys(obj))
      if (!allowed.has(k) && !isAnnotation(k))
        problems.push(`${at}${k}: returned, not in the documented set`);
  }
  return problems;
}
