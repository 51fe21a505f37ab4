/**
 * The contract of an area's mapping module, and the Graph wire conventions they share. Each resource
 * kind converts between Graph's shape and ciamkit's typed shape in exactly one module of its area
 * (`<kind>-mapping.ts`), which every operation of the kind goes through: so that tenant as code can
 * read any kind into a typed spec, compare it, and write it back with the bodies the operations send.
 */

/** A Graph request body as sent (`@odata.type` first where Graph wants the derived type). */
export type GraphBody = Record<string, unknown>;

/**
 * How one resource kind maps between Graph and ciamkit. `G` is the Graph object as read, `R` the
 * typed resource ciamkit returns, `Create` the typed spec a create takes, `Changes` the typed fields
 * an update sets (for a polymorphic kind, with the kind: Graph wants the derived type on PATCH).
 */
export interface ResourceMapping<G, R, Create, Changes> {
  /** Graph's object in ciamkit's shape: annotations and write-only secrets dropped. */
  fromGraph(graph: G): R;
  /** Graph's create body for a spec. */
  toGraphCreate(spec: Create): GraphBody;
  /** Graph's PATCH body setting exactly the given fields; absent where Graph has no PATCH. */
  toGraphPatch?(changes: Changes): GraphBody;
  /**
   * The natural key: the same for the same resource in any tenant (a name, never an object id),
   * compared with `===`. Absent where the kind is known only through another (a listener by its
   * extension).
   */
  naturalKey?(resource: R): string;
}

const NAMESPACE = "#microsoft.graph.";

/** The `@odata.type` of a Graph type name (`socialIdentityProvider` → `#microsoft.graph.socialIdentityProvider`). */
export const odataType = (name: string): string => `${NAMESPACE}${name}`;

/** The type name of an `@odata.type`, without its namespace; `""` when absent. */
export const typeName = (odataType: string | undefined | null): string =>
  (odataType ?? "").replace(/^#microsoft\.graph\./, "");

/** A `$ref` body: the entity at `path` (from the service root) by its `@odata.id`. */
export const odataRef = (baseUrl: string, path: string): GraphBody => ({ "@odata.id": `${baseUrl}${path}` });

/**
 * The properties of `raw` named in `keys` that are present, in that order: a property Graph left
 * out stays out (rather than becoming `undefined`), as does one `raw` has beyond `keys`.
 */
export function pick<T extends object, K extends keyof T>(raw: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) if (raw[key] !== undefined) out[key] = raw[key];
  return out;
}

/** The given properties (not `undefined`), except those in `skip`: a PATCH body of only what changes. */
export function definedOnly(input: object, skip: readonly string[] = []): GraphBody {
  return Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== undefined && !skip.includes(k)));
}
