/**
 * The Conditional Access policy's mapping (`/identity/conditionalAccess/policies`): Graph's
 * `conditionalAccessPolicy` in and out of ciamkit's flat {@link CaPolicy}. ciamkit writes the policies
 * External ID uses for customers: every user, chosen apps, built-in grant controls joined by OR.
 */
import { type GraphBody, pick, type ResourceMapping } from "../mapping.ts";
import type { CaPolicy } from "./ca-policy-schema.ts";

/** `conditionalAccessPolicy` as Graph returns it (the parts ciamkit reads). */
export interface GraphCaPolicy {
  id: string;
  displayName: string;
  state: string;
  conditions?: {
    applications?: { includeApplications?: string[] | null } | null;
    users?: { includeUsers?: string[] | null } | null;
  } | null;
  grantControls?: { builtInControls?: string[] | null } | null;
}

/** A policy to create: a name, a state, the apps (client ids) and the controls required of every user. */
export interface CaPolicyCreate {
  displayName: string;
  state: string;
  appIds: readonly string[];
  controls: readonly string[];
}

/** What a PATCH sets. */
export type CaPolicyChanges = Partial<CaPolicyCreate>;

const conditions = (appIds: readonly string[]): GraphBody => ({
  applications: { includeApplications: [...appIds] },
  users: { includeUsers: ["All"] },
  clientAppTypes: ["all"],
});

const grantControls = (controls: readonly string[]): GraphBody => ({
  operator: "OR",
  builtInControls: [...controls],
});

export const caPolicyMapping = {
  fromGraph: (g: GraphCaPolicy): CaPolicy => ({
    id: g.id,
    displayName: g.displayName,
    state: g.state,
    appIds: g.conditions?.applications?.includeApplications ?? [],
    users: g.conditions?.users?.includeUsers ?? [],
    controls: g.grantControls?.builtInControls ?? [],
  }),
  toGraphCreate: (spec: CaPolicyCreate): GraphBody => ({
    displayName: spec.displayName,
    state: spec.state,
    conditions: conditions(spec.appIds),
    grantControls: grantControls(spec.controls),
  }),
  toGraphPatch: (changes: CaPolicyChanges): GraphBody => ({
    ...pick(changes, ["displayName", "state"]),
    ...(changes.appIds === undefined ? {} : { conditions: conditions(changes.appIds) }),
    ...(changes.controls === undefined ? {} : { grantControls: grantControls(changes.controls) }),
  }),
  naturalKey: (policy: CaPolicy): string => policy.displayName.toLowerCase(),
} satisfies ResourceMapping<GraphCaPolicy, CaPolicy, CaPolicyCreate, CaPolicyChanges>;
