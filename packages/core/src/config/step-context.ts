/** What apply's steps share: the ids known so far, the spec, the secret reader, and small lookups. */
import type { ServiceClient } from "../http/service-client.ts";
import type { SpecFiles } from "./branding-files.ts";
import type { Resources } from "./permission-resources.ts";
import type { PlannedChange } from "./plan-types.ts";
import type { SecretResolver } from "./secrets.ts";
import type { TenantSpec } from "./spec-schema.ts";

/** Ids by lower-case natural key, kept current as apply creates and deletes. */
export interface IdMaps {
  attributes: Map<string, string>;
  providers: Map<string, string>;
  providerTypes: Map<string, string>;
  /** Object id and client id of each application. */
  applications: Map<string, { id: string; appId: string }>;
  /** Custom extensions by name, with their event. */
  extensions: Map<string, { id: string; event: string }>;
}

/** What a step runs with. */
export interface StepContext {
  graph: ServiceClient;
  /** The organization branding belongs to. */
  organizationId: string;
  spec: TenantSpec;
  ids: IdMaps;
  /** The resources of required permissions, with their permissions' ids by name. */
  resources: Resources;
  secret: SecretResolver;
  /** The bytes of the spec's branding files, by path. */
  files: SpecFiles;
  signal?: AbortSignal | undefined;
}

export const lc = (s: string) => s.toLowerCase();
export const idOf = (map: Map<string, string>, name: string) => map.get(lc(name)) ?? name;
export const opts = (ctx: StepContext) => ({ signal: ctx.signal });

export type Item<K extends keyof TenantSpec> = NonNullable<TenantSpec[K]>[string];
export const item = <K extends keyof TenantSpec>(ctx: StepContext, kind: K, name: string): Item<K> => {
  const found = (ctx.spec[kind] as Record<string, Item<K>> | undefined)?.[name];
  if (found === undefined) throw new Error(`the plan's spec has no ${kind} '${name}'`);
  return found;
};
export const changed = (change: PlannedChange, field: string) => change.fields.some((f) => f.field === field);
