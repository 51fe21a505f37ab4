/**
 * The Conditional Access policy's mapping (`/identity/conditionalAccess/policies`): Graph's
 * `conditionalAccessPolicy` in and out of ciamkit's flat {@link CaPolicy}. ciamkit writes the parts
 * External ID uses for customers: users and groups included or excluded (`GuestsOrExternalUsers`
 * among the user keywords), apps, client app types and built-in grant controls.
 */
import { type GraphBody, pick, type ResourceMapping } from "../mapping.ts";
import type { CaPolicy } from "./ca-policy-schema.ts";

type Ids = string[] | null;

/** `conditionalAccessPolicy` as Graph returns it (the parts ciamkit reads). */
export interface GraphCaPolicy {
  id: string;
  displayName: string;
  state: string;
  conditions?: {
    applications?: { includeApplications?: Ids; excludeApplications?: Ids } | null;
    users?: {
      includeUsers?: Ids;
      excludeUsers?: Ids;
      includeGroups?: Ids;
      excludeGroups?: Ids;
    } | null;
    clientAppTypes?: Ids;
  } | null;
  grantControls?: { builtInControls?: Ids; operator?: string | null } | null;
}

/** Who a policy covers: users (ids or All, None, GuestsOrExternalUsers) and groups, included or not. */
export interface CaPolicyUsers {
  users: readonly string[];
  excludeUsers?: readonly string[] | undefined;
  groups?: readonly string[] | undefined;
  excludeGroups?: readonly string[] | undefined;
}

/** A policy to create: a name, a state, who, the apps (client ids or All), and the controls required. */
export interface CaPolicyCreate extends CaPolicyUsers {
  displayName: string;
  state: string;
  appIds: readonly string[];
  excludeAppIds?: readonly string[] | undefined;
  clientAppTypes?: readonly string[] | undefined;
  controls: readonly string[];
  operator?: "AND" | "OR" | undefined;
}

/** What a PATCH sets; a part of the conditions given is sent whole (Graph replaces its lists). */
export type CaPolicyChanges = Partial<CaPolicyCreate>;

const users = (spec: CaPolicyUsers): GraphBody => ({
  includeUsers: [...spec.users],
  excludeUsers: [...(spec.excludeUsers ?? [])],
  includeGroups: [...(spec.groups ?? [])],
  excludeGroups: [...(spec.excludeGroups ?? [])],
});

const applications = (include: readonly string[], exclude: readonly string[] | undefined): GraphBody => ({
  includeApplications: [...include],
  excludeApplications: [...(exclude ?? [])],
});

const grantControls = (controls: readonly string[], operator: string | undefined): GraphBody => ({
  operator: operator ?? "OR",
  builtInControls: [...controls],
});

function patchConditions(c: CaPolicyChanges): GraphBody | undefined {
  const out: GraphBody = {
    ...(c.appIds === undefined ? {} : { applications: applications(c.appIds, c.excludeAppIds) }),
    ...(c.users === undefined ? {} : { users: users({ ...c, users: c.users }) }),
    ...(c.clientAppTypes === undefined ? {} : { clientAppTypes: [...c.clientAppTypes] }),
  };
  return Object.keys(out).length === 0 ? undefined : out;
}

export const caPolicyMapping = {
  fromGraph: (g: GraphCaPolicy): CaPolicy => ({
    id: g.id,
    displayName: g.displayName,
    state: g.state,
    appIds: g.conditions?.applications?.includeApplications ?? [],
    excludeAppIds: g.conditions?.applications?.excludeApplications ?? [],
    users: g.conditions?.users?.includeUsers ?? [],
    excludeUsers: g.conditions?.users?.excludeUsers ?? [],
    groups: g.conditions?.users?.includeGroups ?? [],
    excludeGroups: g.conditions?.users?.excludeGroups ?? [],
    clientAppTypes: g.conditions?.clientAppTypes ?? [],
    controls: g.grantControls?.builtInControls ?? [],
    ...(g.grantControls?.operator == null ? {} : { operator: g.grantControls.operator }),
  }),
  toGraphCreate: (spec: CaPolicyCreate): GraphBody => ({
    displayName: spec.displayName,
    state: spec.state,
    conditions: {
      applications: applications(spec.appIds, spec.excludeAppIds),
      users: users(spec),
      clientAppTypes: [...(spec.clientAppTypes ?? ["all"])],
    },
    grantControls: grantControls(spec.controls, spec.operator),
  }),
  /**
   * The changed parts: `appIds`, `users` and `controls` each send their whole Graph object, so a
   * change of exclusions, groups or the operator comes with the included values it belongs with.
   */
  toGraphPatch: (changes: CaPolicyChanges): GraphBody => {
    const conditions = patchConditions(changes);
    return {
      ...pick(changes, ["displayName", "state"]),
      ...(conditions === undefined ? {} : { conditions }),
      ...(changes.controls === undefined
        ? {}
        : { grantControls: grantControls(changes.controls, changes.operator) }),
    };
  },
  naturalKey: (policy: CaPolicy): string => policy.displayName.toLowerCase(),
} satisfies ResourceMapping<GraphCaPolicy, CaPolicy, CaPolicyCreate, CaPolicyChanges>;
