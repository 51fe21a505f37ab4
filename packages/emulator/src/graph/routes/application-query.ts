import type { JsonObject } from "../../store/json.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import type { PropertySupport } from "../odata/filter-support.ts";

const TEXT: PropertySupport = { ops: "eq ge le in startswith", advanced: "ne not endswith eqnull" };
const ID: PropertySupport = { ops: "eq in", advanced: "ne not" };

/**
 * `keyCredentials[].key` is returned only when `keyCredentials` is selected explicitly, otherwise
 * null (application and servicePrincipal resource pages).
 */
export function hideKeys(served: JsonObject, select: readonly string[] | undefined): JsonObject {
  const keys = served.keyCredentials;
  if (!Array.isArray(keys) || select?.includes("keyCredentials") === true) return served;
  return { ...served, keyCredentials: keys.map((k) => ({ ...(k as JsonObject), key: null })) };
}

/** How `/applications` answers OData queries (application resource page). */
export const applicationsSpec: CollectionSpec = {
  entitySet: "applications",
  type: "application",
  directory: true,
  page: { default: 100, max: 999 },
  search: ["displayName", "description"],
  orderby: { displayName: "basic", createdDateTime: "advanced" },
  finish: hideKeys,
  filter: {
    resource: "Application",
    type: "application",
    directory: true,
    extensions: false,
    properties: {
      id: ID,
      appId: ID,
      displayName: TEXT,
      description: { ops: "eq ge le startswith", advanced: "ne not eqnull" },
      publisherDomain: { ops: "eq in startswith", advanced: "ne not" },
      signInAudience: { ops: "eq", advanced: "ne not in" },
      createdDateTime: { ops: "ge le in", advanced: "eq ne not eqnull" },
      isFallbackPublicClient: { ops: "eq", advanced: "ne not eqnull" },
    },
    lambdas: {
      identifierUris: { properties: { $this: { ops: "eq startswith", advanced: "ne not" } } },
      tags: { properties: { $this: { ops: "eq startswith", advanced: "ne not" } } },
      keyCredentials: { properties: { keyId: { ops: "eq" } } },
    },
  },
};

/** How `/servicePrincipals` answers OData queries (servicePrincipal resource page). */
export const servicePrincipalsSpec: CollectionSpec = {
  // Shown by the service principal pages' examples (beta declares them; v1.0 has endpoints only as a
  // navigation): the publisher's tenant name is not known to the record, so null.
  documented: { publisherName: () => null, endpoints: () => [] },
  entitySet: "servicePrincipals",
  type: "servicePrincipal",
  directory: true,
  page: { default: 100, max: 999 },
  search: ["displayName", "description"],
  orderby: { displayName: "basic" },
  finish: hideKeys,
  filter: {
    resource: "ServicePrincipal",
    type: "servicePrincipal",
    directory: true,
    extensions: false,
    properties: {
      id: ID,
      appId: ID,
      displayName: TEXT,
      accountEnabled: { ops: "eq", advanced: "ne not eqnull" },
      appOwnerOrganizationId: { ops: "eq in", advanced: "ne not" },
      servicePrincipalType: { ops: "eq in", advanced: "ne not" },
      preferredSingleSignOnMode: { ops: "eq", advanced: "ne not eqnull" },
    },
    lambdas: {
      servicePrincipalNames: { properties: { $this: { ops: "eq startswith", advanced: "ne not" } } },
      tags: { properties: { $this: { ops: "eq startswith", advanced: "ne not" } } },
    },
  },
};
