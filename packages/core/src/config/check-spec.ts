/**
 * Turning a spec as written (files merged, or inline data) into a {@link TenantSpec}: placeholders in
 * plain fields resolved, the schema, and the rules a schema cannot state (a social provider's key is
 * its type's id, a name appears once in any casing, each secret's source is there). Problems are
 * collected, placed and thrown together as a {@link SpecError}.
 */
import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { listenerTargetProblems, lookup, specEntries } from "./listener-targets.ts";
import { type SecretSources, secretResolver } from "./secrets.ts";
import { problemAt, SpecError, type SpecLocator, type SpecProblem } from "./spec-error.ts";
import { KINDS, socialProviderKey, type TenantSpec, tenantSpecSchema } from "./spec-schema.ts";
import { checkPolicies } from "./trust-framework-kind.ts";

/** Options of {@link checkSpec}. */
export interface CheckSpecOptions extends SecretSources {
  locate?: SpecLocator | undefined;
  /** Filled with the file each whole `${file:…}` value was read from, by spec path (for XML lines). */
  sources?: Map<string, string> | undefined;
}

/** The fields of each identity provider that hold a secret (kept as placeholders). */
export const SECRET_FIELDS = ["clientSecret", "certificateData"] as const;

const PLACEHOLDER = /\$\{(env|file):([^}]*)\}/g;

const isSecretPath = (path: readonly (string | number)[]) =>
  path.length === 3 &&
  ((path[0] === "identityProviders" && (SECRET_FIELDS as readonly unknown[]).includes(path[2])) ||
    (path[0] === "trustFrameworkKeySets" && path[2] === "secret"));

/** `value` with `${env:…}`/`${file:…}` resolved in every plain string; problems noted at their path. */
function resolvePlain(
  value: unknown,
  path: (string | number)[],
  sources: CheckSpecOptions,
  problems: SpecProblem[],
): unknown {
  if (typeof value === "string") {
    if (isSecretPath(path)) return value;
    return value.replace(PLACEHOLDER, (whole, source: string, name: string) => {
      if (source === "env") {
        const found = (sources.env ?? process.env)[name];
        if (found === undefined)
          problems.push(
            problemAt(sources.locate, path, `${whole}: the environment variable ${name} is not set`),
          );
        return found ?? whole;
      }
      if (sources.baseDir === undefined) {
        problems.push(
          problemAt(
            sources.locate,
            path,
            `${whole}: \${file:…} is read by the CLI only; give the value inline`,
          ),
        );
        return whole;
      }
      const file = isAbsolute(name) ? name : resolve(sources.baseDir, name);
      if (whole === value) sources.sources?.set(path.join("."), file);
      try {
        return readFileSync(file, "utf8").replace(/\r?\n$/, "");
      } catch (error) {
        problems.push(
          problemAt(
            sources.locate,
            path,
            `${whole}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? "error"})`,
          ),
        );
        return whole;
      }
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => resolvePlain(v, [...path, i], sources, problems));
  if (value !== null && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, resolvePlain(v, [...path, k], sources, problems)]),
    );
  return value;
}

/** Validates a spec as written; throws a {@link SpecError} with every problem, placed. */
export function checkSpec(raw: unknown, options: CheckSpecOptions = {}): TenantSpec {
  const problems: SpecProblem[] = [];
  const resolved = resolvePlain(raw, [], options, problems);
  if (problems.length > 0) throw new SpecError(problems);
  const parsed = tenantSpecSchema.safeParse(resolved);
  if (!parsed.success) {
    throw new SpecError(
      parsed.error.issues.map((issue) => {
        const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
        // An unknown key is reported on its object: name it, so the line found is the key's.
        const keys = (issue as { keys?: string[] }).keys;
        const at = issue.code === "unrecognized_keys" && keys?.[0] !== undefined ? [...path, keys[0]] : path;
        return problemAt(options.locate, at, issue.message, at !== path);
      }),
    );
  }
  const spec = parsed.data;
  for (const kind of KINDS) {
    const seen = new Map<string, string>();
    for (const key of Object.keys(spec[kind] ?? {})) {
      const other = seen.get(key.toLowerCase());
      if (other !== undefined)
        problems.push(
          problemAt(
            options.locate,
            [kind, key],
            `the same name as '${other}' (names are compared in any casing)`,
          ),
        );
      seen.set(key.toLowerCase(), key);
    }
  }
  for (const key of Object.keys(spec.branding ?? {})) {
    if (key !== "default" && !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/i.test(key))
      problems.push(
        problemAt(
          options.locate,
          ["branding", key],
          "a branding is `default` or a culture such as fr-FR",
          true,
        ),
      );
  }
  checkPolicies(spec, options.locate, options.sources ?? new Map(), problems);
  listenerTargetProblems(
    spec.eventListeners,
    {
      event: lookup(specEntries(spec.customExtensions, (e) => e.event)),
      dataType: lookup(specEntries(spec.userFlowAttributes, (a) => a.dataType)),
    },
    options.locate,
    problems,
  );
  const secret = secretResolver(options);
  for (const [id, set] of Object.entries(spec.trustFrameworkKeySets ?? {})) {
    if ((set.use === undefined) !== (set.kty === undefined))
      problems.push(problemAt(options.locate, ["trustFrameworkKeySets", id], "give use and kty together"));
    if (set.secret === undefined) continue;
    if (set.kty !== "OCT")
      problems.push(
        problemAt(options.locate, ["trustFrameworkKeySets", id, "secret"], "a secret is an OCT key"),
      );
    try {
      secret(set.secret);
    } catch (error) {
      problems.push(
        problemAt(options.locate, ["trustFrameworkKeySets", id, "secret"], (error as Error).message),
      );
    }
  }
  for (const [key, idp] of Object.entries(spec.identityProviders ?? {})) {
    if (
      idp.kind === "social" &&
      key.toLowerCase() !== socialProviderKey(idp.identityProviderType).toLowerCase()
    )
      problems.push(
        problemAt(
          options.locate,
          ["identityProviders", key],
          `a ${idp.identityProviderType} provider is named ${socialProviderKey(idp.identityProviderType)} (Graph's id)`,
        ),
      );
    if (idp.kind === "apple" && key.toLowerCase() !== "apple-managed-oidc")
      problems.push(
        problemAt(
          options.locate,
          ["identityProviders", key],
          "the Apple provider is named Apple-Managed-OIDC (Graph's id)",
        ),
      );
    for (const field of SECRET_FIELDS) {
      const ref = (idp as Record<string, unknown>)[field];
      if (typeof ref !== "string") continue;
      try {
        secret(ref);
      } catch (error) {
        problems.push(problemAt(options.locate, ["identityProviders", key, field], (error as Error).message));
      }
    }
  }
  if (problems.length > 0) throw new SpecError(problems);
  return spec;
}
