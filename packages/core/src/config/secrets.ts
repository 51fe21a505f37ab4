/**
 * Secrets in a spec: a write-only value (a provider's client secret, Apple's key) is never written in
 * clear text but as a placeholder, `${env:NAME}` (an environment variable) or `${file:path}` (a file
 * beside the spec; CLI only), read only when apply sends it. Export writes `${env:NAME}` with a name
 * derived from the object, so a spec never holds a secret.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: placeholders are written ${env:NAME}
import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { z } from "zod";
import { InputError } from "../input-error.ts";

const ENV = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;
const FILE = /^\$\{file:([^}]+)\}$/;

/** A secret field: a placeholder, never the secret itself. */
export const secretRefSchema = z
  .string()
  .regex(
    /^\$\{(env:[A-Za-z_][A-Za-z0-9_]*|file:[^}]+)\}$/,
    "a secret is written as ${env:NAME} or ${file:path}, never in clear text",
  )
  .describe("Write-only: ${env:NAME} or ${file:path}.");

/** Reads the secret a placeholder names. */
export type SecretResolver = (placeholder: string) => string;

/** Where secrets come from: the environment, and (CLI) files relative to `baseDir`. */
export interface SecretSources {
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Folder `${file:…}` paths are relative to; absent: `${file:…}` is refused (MCP never reads server paths). */
  baseDir?: string | undefined;
}

/** The resolver of `sources`; throws an {@link InputError} naming what is missing. */
export function secretResolver(sources: SecretSources = {}): SecretResolver {
  const env = sources.env ?? process.env;
  return (placeholder) => {
    const e = ENV.exec(placeholder);
    if (e?.[1] !== undefined) {
      const value = env[e[1]];
      if (value === undefined || value === "")
        throw new InputError(
          `${placeholder}: the environment variable ${e[1]} is not set; set it and run again`,
        );
      return value;
    }
    const f = FILE.exec(placeholder);
    if (f?.[1] !== undefined) {
      if (sources.baseDir === undefined)
        throw new InputError(`${placeholder}: \${file:…} is read by the CLI only; use \${env:NAME}`);
      const path = isAbsolute(f[1]) ? f[1] : resolve(sources.baseDir, f[1]);
      try {
        return readFileSync(path, "utf8").replace(/\r?\n$/, "");
      } catch (error) {
        throw new InputError(
          `${placeholder}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "error"})`,
        );
      }
    }
    throw new InputError(`${placeholder}: not a secret placeholder; write \${env:NAME}`);
  };
}

/** The environment variable export names for a secret: `CIAM_` + the object's key and field, upper snake case. */
export function secretEnvName(kind: string, key: string, field: string): string {
  const part = (s: string) =>
    s
      .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
      .replace(/[^A-Za-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .toUpperCase();
  return `CIAM_${part(kind)}_${part(key)}_${part(field)}`;
}

/** The placeholder export writes for a secret. */
export const envPlaceholder = (name: string): string => `\${env:${name}}`;
