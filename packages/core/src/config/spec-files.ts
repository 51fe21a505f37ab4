/**
 * A spec as files: one YAML file per kind, each starting with the `yaml-language-server` line that
 * points editors at the kind's JSON Schema (shipped in the package, `schemas/`), keys sorted at every
 * level so the same spec is always the same bytes.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type * as Yaml from "yaml";
import { InputError } from "../input-error.ts";
import { lazyModule } from "../lazy-module.ts";
import { CIAMKIT_VERSION } from "../version.ts";
import { specFilePathSchema } from "./branding-files.ts";
import { KIND_FILES, KINDS, type Kind, type TenantSpec } from "./spec-schema.ts";

const loadYaml = lazyModule<typeof Yaml>("yaml");

/** The JSON Schema file of a kind's spec file, in the package's `schemas/` folder. */
export const schemaFileName = (file: string): string => file.replace(/\.yaml$/, ".schema.json");

/** Where editors find a kind's schema: the published package's copy, at this version. */
export const schemaUrl = (file: string): string =>
  `https://unpkg.com/@ciamkit/core@${CIAMKIT_VERSION}/schemas/${schemaFileName(file)}`;

/** Where export writes a policy's XML, relative to the spec folder. */
export const policyFile = (id: string): string => `policies/${id}.xml`;

/** Comment lines for a kind's file: what the tenant has of the kind that the spec leaves alone. */
export type SpecNotes = Partial<Record<Kind, readonly string[]>>;

/**
 * The files of a spec, by file name: one per kind the spec has, and each policy's XML beside them;
 * `notes` become comment lines under a kind's schema line.
 */
export function specFiles(spec: TenantSpec, notes: SpecNotes = {}): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [id, p] of Object.entries(spec.trustFrameworkPolicies ?? {}))
    files[policyFile(id)] = `${p.xml}\n`;
  for (const kind of KINDS) {
    const items =
      kind === "trustFrameworkPolicies" && spec[kind] !== undefined
        ? Object.fromEntries(Object.keys(spec[kind]).map((id) => [id, { xml: `\${file:${policyFile(id)}}` }]))
        : spec[kind];
    if (items === undefined) continue;
    const body =
      Object.keys(items).length === 0
        ? "{}\n"
        : loadYaml().stringify(items, { sortMapEntries: true, lineWidth: 0 });
    const comments = (notes[kind] ?? []).map((n) => `# ${n.replace(/[\r\n]+/g, " ")}\n`).join("");
    files[KIND_FILES[kind]] =
      `# yaml-language-server: $schema=${schemaUrl(KIND_FILES[kind])}\n${comments}${body}`;
  }
  return files;
}

/**
 * Writes a spec's files into `dir` (created if missing), with the files beside it (an export's branding
 * images and CSS, by relative path; their folders created); returns the paths written.
 */
export function writeSpecFiles(
  dir: string,
  spec: TenantSpec,
  beside: Readonly<Record<string, string | Uint8Array>> = {},
  notes: SpecNotes = {},
): string[] {
  mkdirSync(dir, { recursive: true });
  return Object.entries({ ...beside, ...specFiles(spec, notes) }).map(([name, content]) => {
    // A tenant's text (a localization's culture) is part of a path: never one leading out of `dir`.
    if (!specFilePathSchema.safeParse(name).success)
      throw new InputError(
        `Refused to write ${name}: not a path inside the spec folder; nothing more was written.`,
      );
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    return path;
  });
}
