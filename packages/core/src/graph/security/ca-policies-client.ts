/** The Conditional Access policies resource client (`/identity/conditionalAccess/policies`). */
import { entitySetClient } from "../entity-set-client.ts";
import { caPolicyMapping, type GraphCaPolicy } from "./ca-policy-mapping.ts";
import type { CaPolicy } from "./ca-policy-schema.ts";

const policies = entitySetClient<GraphCaPolicy, CaPolicy>(
  "/identity/conditionalAccess/policies",
  caPolicyMapping.fromGraph,
);

/** Every policy (a tenant has few). */
export const listCaPolicies = policies.all;
/** The first policy `predicate` accepts. */
export const findCaPolicy = policies.find;
/** One policy. */
export const getCaPolicy = policies.get;
/** Creates a policy. */
export const createCaPolicy = policies.create;
/** PATCHes a policy (204). */
export const updateCaPolicy = policies.update;
/** Deletes a policy. */
export const deleteCaPolicy = policies.remove;
