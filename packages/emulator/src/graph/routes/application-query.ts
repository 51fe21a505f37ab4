import type { JsonObject } from "../../store/json.ts";
import { typeProperties } from "../entities/shape.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import type { FilterSupport, PropertySupport } from "../odata/filter-support.ts";

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

/** An item of a string collection (`identifierUris`, `tags`): filtered with `any(x: x eq …)`. */
const TEXT_ITEM = { properties: { $this: { ops: "eq startswith", advanced: "ne not" } } } as const;

/**
 * What the application and servicePrincipal sets share: directory objects paged up to 999, searched
 * by display name and description, filtered by id, appId and display name, keys hidden.
 */
function keyHolderSpec(
  type: "application" | "servicePrincipal",
  resource: string,
  own: {
    orderby: NonNullable<CollectionSpec["orderby"]>;
    properties: FilterSupport["properties"];
    lambdas: NonNullable<FilterSupport["lambdas"]>;
  },
): CollectionSpec {
  return {
    entitySet: `${type}s`,
    type,
    directory: true,
    page: { default: 100, max: 999 },
    search: ["displayName", "description"],
    orderby: own.orderby,
    finish: hideKeys,
    filter: {
      resource,
      type,
      directory: true,
      extensions: false,
      properties: { id: ID, appId: ID, displayName: TEXT, ...own.properties },
      lambdas: { ...own.lambdas, tags: TEXT_ITEM },
    },
  };
}

const applicationSpec = keyHolderSpec("application", "Application", {
  orderby: { displayName: "basic", createdDateTime: "advanced" },
  properties: {
    description: { ops: "eq ge le startswith", advanced: "ne not eqnull" },
    publisherDomain: { ops: "eq in startswith", advanced: "ne not" },
    signInAudience: { ops: "eq", advanced: "ne not in" },
    createdDateTime: { ops: "ge le in", advanced: "eq ne not eqnull" },
    isFallbackPublicClient: { ops: "eq", advanced: "ne not eqnull" },
  },
  lambdas: {
    identifierUris: TEXT_ITEM,
    keyCredentials: { properties: { keyId: { ops: "eq" } } },
  },
});

/**
 * How `/applications` answers OData queries (application resource page), with `owners/$count` in
 * `$filter` (application-list example 5: an advanced query).
 * The emulator records no application owners (it serves no `/applications/{id}/owners`), so every
 * application counts none.
 */
export const applicationsSpec: CollectionSpec = {
  ...applicationSpec,
  filter: { ...applicationSpec.filter, counts: { owners: { ops: "", advanced: "eq ne gt ge lt le" } } },
  navigationCount: () => 0,
  // "The authenticationBehaviors property is returned only on $select requests" (Manage application
  // authenticationBehaviors, Microsoft Graph docs).
  defaultSelect: Object.keys(typeProperties("application")).filter((p) => p !== "authenticationBehaviors"),
};

/** How `/servicePrincipals` answers OData queries (servicePrincipal resource page). */
export const servicePrincipalsSpec: CollectionSpec = {
  ...keyHolderSpec("servicePrincipal", "ServicePrincipal", {
    orderby: { displayName: "basic" },
    properties: {
      accountEnabled: { ops: "eq", advanced: "ne not eqnull" },
      appOwnerOrganizationId: { ops: "eq in", advanced: "ne not" },
      servicePrincipalType: { ops: "eq in", advanced: "ne not" },
      preferredSingleSignOnMode: { ops: "eq", advanced: "ne not eqnull" },
    },
    lambdas: { servicePrincipalNames: TEXT_ITEM },
  }),
  // Shown by the service principal pages' examples (beta declares them; v1.0 has endpoints only as a
  // navigation): the publisher's tenant name is not known to the record, so null.
  documented: { publisherName: () => null, endpoints: () => [] },
  // The servicePrincipal resource page: customSecurityAttributes "Requires $select to retrieve".
  defaultSelect: [
    ...Object.keys(typeProperties("servicePrincipal")).filter((p) => p !== "customSecurityAttributes"),
    "publisherName",
    "endpoints",
  ],
};
