/**
 * The authentication method configuration's mapping: Graph's `authenticationMethodConfiguration`
 * subtypes (`/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/{id}`) in and out
 * of ciamkit's {@link AuthMethod}. Graph has no create: the policy holds one configuration per method.
 */
import { type GraphBody, odataType, type ResourceMapping } from "../mapping.ts";
import { type AuthMethod, type AuthMethodId, EXTERNAL_ID_METHODS } from "./auth-method-schema.ts";

/** `authenticationMethodConfiguration` as Graph returns it. */
export interface GraphAuthMethod {
  "@odata.type"?: string;
  id: string;
  state?: string | null;
}

/** What a PATCH sets: the state of one method (Graph wants the derived type). */
export interface AuthMethodChanges {
  id: AuthMethodId;
  state: "enabled" | "disabled";
}

export const authMethodMapping = {
  fromGraph: (g: GraphAuthMethod): AuthMethod => ({
    id: g.id,
    state: g.state === "enabled" ? "enabled" : "disabled",
  }),
  toGraphCreate: (): GraphBody => {
    throw new Error("Authentication method configurations are not created; PATCH them.");
  },
  toGraphPatch: (changes: AuthMethodChanges): GraphBody => ({
    "@odata.type": odataType(EXTERNAL_ID_METHODS[changes.id]),
    state: changes.state,
  }),
  naturalKey: (method: AuthMethod): string => method.id.toLowerCase(),
} satisfies ResourceMapping<GraphAuthMethod, AuthMethod, never, AuthMethodChanges>;
