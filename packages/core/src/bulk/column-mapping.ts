/**
 * Column mapping: which input column feeds which user field. Given inline or as a JSON/YAML file;
 * without one, columns named like the fields map to themselves.
 */
import type * as Yaml from "yaml";
import { z } from "zod";
import { lazyModule } from "../lazy-module.ts";
import { readHostFile } from "../operations/host-file.ts";
import { InvalidInputError } from "../operations/run-operation.ts";
import { checkInputFile } from "./file-access.ts";

const loadYaml = lazyModule<typeof Yaml>("yaml");

/** The user fields an import row can set (Graph `user` names, plus the sign-in identity and password). */
export const IMPORT_FIELDS = [
  "displayName",
  "signInName",
  "signInType",
  "password",
  "givenName",
  "surname",
  "mail",
  "accountEnabled",
  "jobTitle",
  "mobilePhone",
  "preferredLanguage",
  "city",
  "country",
  "state",
  "postalCode",
  "streetAddress",
] as const;

/** One of {@link IMPORT_FIELDS}. */
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** A column mapping: `columns` maps a field to its source column; `extensions` maps a user flow custom attribute to its column. */
export const columnMappingSchema = z
  .object({
    columns: z
      .partialRecord(z.enum(IMPORT_FIELDS), z.string().min(1))
      .default({})
      .describe("Field → source column, e.g. { signInName: 'email', displayName: 'full_name' }."),
    extensions: z
      .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/), z.string().min(1))
      .default({})
      .describe("User flow custom attribute name → source column, e.g. { loyaltyNumber: 'loyalty' }."),
    extensionAppId: z
      .string()
      .regex(/^[0-9a-fA-F-]{32,36}$/)
      .optional()
      .describe(
        "The appId of the tenant's b2c-extensions-app, which owns user flow custom attributes (required with `extensions`).",
      ),
  })
  .strict()
  .refine((m) => Object.keys(m.extensions).length === 0 || m.extensionAppId !== undefined, {
    message: "extensionAppId is required when extensions are mapped",
    path: ["extensionAppId"],
  });

/** A validated column mapping. */
export type ColumnMapping = z.output<typeof columnMappingSchema>;

const PAIR = /^([^=]+)=(.+)$/;
const EXTENSION_KEY = /^extensions\.([A-Za-z][A-Za-z0-9_]*)$/;

/**
 * One mapping entry given on its own (a CLI `--map`): `<field>=<column>`, `extensions.<attribute>=<column>`
 * or `extensionAppId=<appId>`, the keys of a mapping file flattened.
 */
export const mappingPairSchema = z
  .string()
  .trim()
  .max(300)
  .refine(
    (pair) => {
      const key = PAIR.exec(pair)?.[1]?.trim();
      return (
        key !== undefined &&
        ((IMPORT_FIELDS as readonly string[]).includes(key) ||
          key === "extensionAppId" ||
          EXTENSION_KEY.test(key))
      );
    },
    {
      message: `expected <field>=<column> with a field among ${IMPORT_FIELDS.join(", ")}, or extensions.<attribute>=<column>, or extensionAppId=<appId>`,
    },
  );

/** A mapping with entries of {@link mappingPairSchema} laid over it (later entries win); validated again. */
export function withMappingPairs(mapping: ColumnMapping, pairs: readonly string[]): ColumnMapping {
  if (pairs.length === 0) return mapping;
  const columns: Record<string, string> = { ...mapping.columns };
  const extensions: Record<string, string> = { ...mapping.extensions };
  let extensionAppId = mapping.extensionAppId;
  for (const pair of pairs) {
    const [, rawKey = "", rawValue = ""] = PAIR.exec(mappingPairSchema.parse(pair)) ?? [];
    const key = rawKey.trim();
    const value = rawValue.trim();
    const extension = EXTENSION_KEY.exec(key)?.[1];
    if (key === "extensionAppId") extensionAppId = value;
    else if (extension !== undefined) extensions[extension] = value;
    else columns[key] = value;
  }
  const parsed = columnMappingSchema.safeParse({ columns, extensions, extensionAppId });
  if (!parsed.success)
    throw new InvalidInputError(
      "user_import",
      parsed.error.issues.map(
        (issue) => `map: the column mapping is invalid: ${issuePath(issue.path)}${issue.message}`,
      ),
    );
  return parsed.data;
}

/** How a mapping looks, for the message about one that does not. */
const EXAMPLE = 'a mapping looks like "columns: { signInName: email, displayName: name }"';

/** The largest mapping file read (a mapping is a few lines). */
const MAPPING_MAX_BYTES = 1024 * 1024;

/**
 * Reads a mapping file (JSON or YAML); a missing, unreadable or bad file is an {@link InvalidInputError}
 * naming the file and where in it, never quoting it: the path may name any file (a `.env`), and the
 * error may reach a model or a log.
 */
export async function loadColumnMapping(path: string): Promise<ColumnMapping> {
  // A missing path or a directory is named as such; the read itself keeps to the same bound.
  checkInputFile("user_import", "mapping", path, MAPPING_MAX_BYTES);
  const bytes = await readHostFile(path, {
    operation: "user_import",
    field: "mapping",
    maxBytes: MAPPING_MAX_BYTES,
  });
  let raw: unknown;
  try {
    raw = loadYaml().parse(new TextDecoder().decode(bytes));
  } catch (error) {
    // The parser's message quotes the offending line: keep only where it is and what kind of error.
    const at = error instanceof loadYaml().YAMLParseError ? error.linePos?.[0] : undefined;
    const where = at === undefined ? "" : ` at line ${at.line}, column ${at.col}`;
    const code = error instanceof loadYaml().YAMLParseError ? ` (${error.code})` : "";
    throw new InvalidInputError("user_import", [
      `mapping: the mapping file ${path} is not valid JSON or YAML${where}${code}; ${EXAMPLE}`,
    ]);
  }
  const parsed = columnMappingSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(issueWithoutContent).join("; ");
    throw new InvalidInputError("user_import", [
      `mapping: the mapping file ${path} is invalid: ${problems}; ${EXAMPLE}`,
    ]);
  }
  return parsed.data;
}

/** `columns.signInName: ` for an issue's path (empty at the top). */
function issuePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "" : `${path.map(String).join(".")}: `;
}

/** Keys a mapping may have: they can be named in a message; any other key came from the file. */
const MAPPING_KEYS = new Set<string>(["columns", "extensions", "extensionAppId", ...IMPORT_FIELDS]);

/**
 * A zod issue about a mapping file without what the file holds: keys only where they are known ones
 * (zod's own messages name types, bounds and options, never the value; its unknown-key message would).
 */
function issueWithoutContent(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((key) => (MAPPING_KEYS.has(String(key)) ? String(key) : "<key>")).join(".");
  const message =
    issue.code === "unrecognized_keys"
      ? `${issue.keys.length} unknown key${issue.keys.length === 1 ? "" : "s"} (allowed: ${(issue.path.length === 0 ? ["columns", "extensions", "extensionAppId"] : IMPORT_FIELDS).join(", ")})`
      : issue.message;
  return `${path === "" ? "(top level)" : path}: ${message}`;
}

/**
 * The Graph property of a user flow custom attribute: `extension_<appId without dashes>_<name>`
 * (https://learn.microsoft.com/entra/external-id/customers/how-to-define-custom-attributes).
 */
export function extensionProperty(appId: string, name: string): string {
  return `extension_${appId.replaceAll("-", "").toLowerCase()}_${name}`;
}

/** A mapped row: user fields by name, extension attributes by Graph property name. */
export interface MappedRow {
  fields: Partial<Record<ImportField, unknown>>;
  extensions: Record<string, unknown>;
}

/** Applies a mapping to one record; unmapped fields fall back to a column of the same name. */
export function applyMapping(mapping: ColumnMapping, record: Record<string, unknown>): MappedRow {
  const fields: Partial<Record<ImportField, unknown>> = {};
  for (const field of IMPORT_FIELDS) {
    const column = mapping.columns[field] ?? field;
    const value = record[column];
    if (value !== undefined && value !== null && value !== "") fields[field] = value;
  }
  const extensions: Record<string, unknown> = {};
  for (const [name, column] of Object.entries(mapping.extensions)) {
    const value = record[column];
    if (value !== undefined && value !== null && value !== "" && mapping.extensionAppId !== undefined) {
      extensions[extensionProperty(mapping.extensionAppId, name)] = value;
    }
  }
  return { fields, extensions };
}

/** The source columns that hold secrets (never copied into a reject file). */
export function secretColumns(mapping: ColumnMapping): Set<string> {
  return new Set([mapping.columns.password ?? "password"]);
}

/** Column names people commonly use for a required field, to suggest a mapping when none matches. */
const USUAL_COLUMNS: Partial<Record<ImportField, readonly string[]>> = {
  signInName: [
    "email",
    "emailaddress",
    "email_address",
    "mail",
    "username",
    "user_name",
    "login",
    "upn",
    "userprincipalname",
  ],
  displayName: ["name", "display_name", "displayname", "fullname", "full_name"],
  password: ["pwd", "passwd", "pass", "secret"],
};

/**
 * What is wrong with a CSV header for this mapping: one line per required field no column feeds, with
 * the `--map` entry to add when a column looks like it. Empty when the header fits. A file whose
 * every row would be rejected for the same missing column is refused before anything starts.
 */
export function missingColumns(
  mapping: ColumnMapping,
  header: readonly string[],
  passwordRequired: boolean,
): string[] {
  const present = new Set(header);
  const required: ImportField[] = [
    "displayName",
    "signInName",
    ...(passwordRequired ? (["password"] as const) : []),
  ];
  const problems: string[] = [];
  for (const field of required) {
    const column = mapping.columns[field] ?? field;
    if (present.has(column)) continue;
    const usual = USUAL_COLUMNS[field] ?? [];
    const guess = header.find((h) => usual.includes(h.toLowerCase()));
    const how =
      guess === undefined
        ? `add a "${field}" column or map one: --map ${field}=<column> (mapping.columns.${field})`
        : `map it: --map ${field}=${guess} (mapping.columns.${field} = "${guess}")`;
    // The header is the file's first line, and the file may not be a CSV at all (a `.env`): name it, never quote it.
    problems.push(
      `mapping: no column "${column}" for ${field} in the file's header row (${header.length} column${header.length === 1 ? "" : "s"}); ${how}`,
    );
  }
  return problems;
}
