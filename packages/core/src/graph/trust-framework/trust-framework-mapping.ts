/**
 * The Identity Experience Framework's mapping (Graph beta, Azure AD B2C): a policy key set and its
 * keys in and out of ciamkit's {@link KeySet} (a key's public members only: the service never returns
 * a private or symmetric part, and nothing here would keep one), the bodies of the key actions, and a
 * key set's natural key; a policy is an XML document, known by the PolicyId it declares.
 */
import { definedOnly, type GraphBody, pick, type ResourceMapping } from "../mapping.ts";
import {
  fullKeySetId,
  type KeySet,
  type TrustFrameworkKey,
  trustFrameworkKeySchema,
} from "./trust-framework-schema.ts";

/** A key set as Graph returns it. */
export interface GraphKeySet {
  id: string;
  keys?: Record<string, unknown>[];
}

/** The fields of a key action's body (`generateKey`: kty; `uploadSecret`: k), validity bounds optional. */
export interface KeyActionFields {
  use: string;
  kty?: string | undefined;
  k?: string | undefined;
  nbf?: number | undefined;
  exp?: number | undefined;
}

const KEY_MEMBERS = Object.keys(trustFrameworkKeySchema.shape) as (keyof TrustFrameworkKey)[];

/** Only the public members of a key as Graph returned it, each present (null when Graph left it out). */
export function keyFromGraph(raw: Record<string, unknown>): TrustFrameworkKey {
  return trustFrameworkKeySchema.parse(Object.fromEntries(KEY_MEMBERS.map((k) => [k, raw[k] ?? null])));
}

/** A key set's mapping; its natural key is its full id (`B2C_1A_` prefixed, any casing). */
export const keySetMapping = {
  fromGraph: (raw: GraphKeySet): KeySet => ({ id: raw.id, keys: (raw.keys ?? []).map(keyFromGraph) }),
  toGraphCreate: (spec: { id: string }): GraphBody => ({ id: spec.id }),
  naturalKey: (keySet: Pick<KeySet, "id">) => fullKeySetId(keySet.id).toLowerCase(),
} satisfies ResourceMapping<GraphKeySet, KeySet, { id: string }, never>;

/**
 * The `PolicyId` of a TrustFrameworkPolicy document (a policy's id and natural key), read before
 * anything is sent; `undefined` when the document is not a policy with a `B2C_1A_` id.
 */
export function policyIdOf(xml: string): string | undefined {
  const root = /<TrustFrameworkPolicy\b[^>]*>/.exec(xml)?.[0];
  return root === undefined ? undefined : /\sPolicyId\s*=\s*"(B2C_1A_[A-Za-z0-9_-]+)"/i.exec(root)?.[1];
}

/** A key action's body: the given fields only (absent validity bounds are left out, not null). */
export const keyActionBody = (fields: KeyActionFields): GraphBody =>
  definedOnly(pick(fields, ["use", "kty", "k", "nbf", "exp"]));
