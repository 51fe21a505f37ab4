import type { JsonObject } from "../../store/json.ts";
import type { ReferenceNavigation } from "../entity-set/reference-navigation.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import type { PropertySupport } from "../odata/filter-support.ts";
import type { GraphRequest } from "../route.ts";
import { edgeObjects, memberOf, members, transitiveMemberOf } from "./group-edges.ts";
import { USER_DEFAULT_SELECT, usersSpec } from "./user-query.ts";

const TEXT: PropertySupport = { ops: "eq ge le in startswith", advanced: "ne not endswith eqnull" };
const FLAG: PropertySupport = { ops: "eq", advanced: "ne not eqnull" };

/**
 * A member as Graph serves a `directoryObject` collection: its `@odata.type` first, the selected
 * properties, or else users with their default property set and other types in full.
 */
export function serveMember(
  served: JsonObject,
  select: readonly string[] | undefined,
  record: JsonObject,
): JsonObject {
  const type = record["@odata.type"] as string;
  if (select !== undefined) return { "@odata.type": type, ...served };
  if (type !== "#microsoft.graph.user") return served;
  const out: JsonObject = { "@odata.type": type };
  for (const name of USER_DEFAULT_SELECT) out[name] = record[name] ?? null;
  return out;
}

/**
 * The group properties Graph returns without `$select` (the group resource page and its List groups
 * example); the others (`allowExternalSenders`, `assignedLicenses`, `hideFromAddressLists`,
 * `isSubscribedByMail`, `unseenCount`, …) only when selected.
 */
export const GROUP_DEFAULT_SELECT = [
  "id",
  "deletedDateTime",
  "classification",
  "createdDateTime",
  "creationOptions",
  "description",
  "displayName",
  "expirationDateTime",
  "groupTypes",
  "isAssignableToRole",
  "mail",
  "mailEnabled",
  "mailNickname",
  "membershipRule",
  "membershipRuleProcessingState",
  "onPremisesDomainName",
  "onPremisesLastSyncDateTime",
  "onPremisesNetBiosName",
  "onPremisesSamAccountName",
  "onPremisesSecurityIdentifier",
  "onPremisesSyncEnabled",
  "preferredDataLocation",
  "preferredLanguage",
  "proxyAddresses",
  "renewedDateTime",
  "resourceBehaviorOptions",
  "resourceProvisioningOptions",
  "securityEnabled",
  "securityIdentifier",
  "theme",
  "visibility",
  "onPremisesProvisioningErrors",
  "serviceProvisioningErrors",
] as const;

/** How `/groups` answers OData queries (group resource page). */
export function groupsSpec(req: GraphRequest): CollectionSpec {
  return {
    entitySet: "groups",
    type: "group",
    directory: true,
    page: { default: 100, max: 999 },
    defaultSelect: GROUP_DEFAULT_SELECT,
    // Shown by the group pages' examples, absent from the v1.0 CSDL; nothing the emulator creates sets it.
    documented: { creationOptions: () => [] },
    search: ["displayName", "description", "mailNickname"],
    orderby: { displayName: "basic", createdDateTime: "advanced", mailNickname: "advanced" },
    expand: {
      members: (g) => members(req, g.id as string).map((m) => serveMember(m, undefined, m)),
      owners: (g) => edgeObjects(req, "owners", String(g.id)).map((m) => serveMember(m, undefined, m)),
    },
    filter: {
      resource: "Group",
      type: "group",
      directory: true,
      extensions: true,
      properties: {
        id: { ops: "eq in", advanced: "ne not" },
        displayName: TEXT,
        mail: TEXT,
        mailNickname: { ops: "eq ge le in startswith", advanced: "ne not eqnull" },
        description: { ops: "", advanced: "eq ne not ge le startswith eqnull" },
        mailEnabled: FLAG,
        securityEnabled: FLAG,
        isAssignableToRole: FLAG,
        visibility: { ops: "eq", advanced: "ne not eqnull" },
        // The group resource page: membershipRule (eq, ne, NOT, ge, le, startsWith),
        // membershipRuleProcessingState (eq, ne, NOT, in), hasMembersWithLicenseErrors (eq).
        membershipRule: { ops: "eq ge le startswith", advanced: "ne not" },
        membershipRuleProcessingState: { ops: "eq in", advanced: "ne not" },
        hasMembersWithLicenseErrors: { ops: "eq" },
        createdDateTime: { ops: "", advanced: "eq ne not ge le in eqnull" },
      },
      lambdas: {
        groupTypes: { properties: { $this: { ops: "eq", advanced: "ne not" } } },
        proxyAddresses: { properties: { $this: { ops: "eq startswith", advanced: "ne not endswith" } } },
        // group-list example 7: `assignedLicenses/any()`, and by SKU.
        assignedLicenses: { properties: { skuId: { ops: "eq" } } },
      },
    },
  };
}

/**
 * How `/groups/{id}` answers: as the list, and with the group's `id` beside any `$select` (the
 * group-get page's `$select` example shows it; the user-get page's does not).
 */
export function groupSpec(req: GraphRequest): CollectionSpec {
  return {
    ...groupsSpec(req),
    finish: (served, select, record) =>
      select === undefined || served.id !== undefined ? served : { id: record.id ?? null, ...served },
  };
}

/**
 * How `/groups/{id}/members` answers (a `directoryObject` collection). Graph filters members by the
 * properties of the member's type; the emulator supports the user properties there.
 */
export const membersSpec: CollectionSpec = {
  entitySet: "directoryObjects",
  type: "user",
  directory: true,
  page: { default: 100, max: 999 },
  search: usersSpec.search ?? [],
  orderby: { displayName: "advanced" },
  filter: { ...usersSpec.filter, resource: "DirectoryObject", lambdas: {} },
  finish: serveMember,
};

/** `@odata.type` first on every group of a directoryObject collection, selected or not. */
function withGroupType(served: JsonObject): JsonObject {
  return { "@odata.type": "#microsoft.graph.group", ...served };
}

/**
 * `memberOf` and `transitiveMemberOf` of a user, group or service principal: the groups it belongs
 * to directly, or through nested groups; `$count` and the `microsoft.graph.group` cast included.
 */
export function memberOfNavigations(read: readonly string[]): ReferenceNavigation[] {
  const spec = (req: GraphRequest): CollectionSpec => ({
    ...groupsSpec(req),
    entitySet: "directoryObjects",
    expand: {},
    finish: withGroupType,
  });
  return (
    [
      ["memberOf", memberOf],
      ["transitiveMemberOf", transitiveMemberOf],
    ] as const
  ).map(([name, groupsOf]) => ({
    name,
    related: (req: GraphRequest, r: JsonObject) => groupsOf(req, String(r.id)),
    spec,
    casts: { group: groupsSpec },
    read,
    cost: 2,
  }));
}
