import type { JsonObject } from "../../store/json.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import type { PropertySupport } from "../odata/filter-support.ts";
import type { GraphRequest } from "../route.ts";
import { directoryObject } from "./common.ts";
import { USER_DEFAULT_SELECT, usersSpec } from "./user-query.ts";

const TEXT: PropertySupport = { ops: "eq ge le in startswith", advanced: "ne not endswith eqnull" };
const FLAG: PropertySupport = { ops: "eq", advanced: "ne not eqnull" };

/** Member ids of a group, in the order they were added. */
export function memberIds(req: GraphRequest, groupId: string): string[] {
  const out: string[] = [];
  for (const edge of req.tenant.collection("_groupMembers").values()) {
    if (edge.groupId === groupId) out.push(edge.memberId as string);
  }
  return out;
}

/** A group's member records (users, groups, service principals), each with its `@odata.type`. */
export function members(req: GraphRequest, groupId: string): JsonObject[] {
  const out: JsonObject[] = [];
  for (const id of memberIds(req, groupId)) {
    const found = directoryObject(req, id);
    if (found !== undefined) out.push({ "@odata.type": `#microsoft.graph.${found.type}`, ...found.record });
  }
  return out;
}

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

/** How `/groups` answers OData queries (group resource page). */
export function groupsSpec(req: GraphRequest): CollectionSpec {
  return {
    entitySet: "groups",
    type: "group",
    directory: true,
    page: { default: 100, max: 999 },
    search: ["displayName", "description", "mailNickname"],
    orderby: { displayName: "basic", createdDateTime: "advanced", mailNickname: "advanced" },
    expand: {
      members: (g) => members(req, g.id as string).map((m) => serveMember(m, undefined, m)),
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
        createdDateTime: { ops: "", advanced: "eq ne not ge le in eqnull" },
      },
      lambdas: {
        groupTypes: { properties: { $this: { ops: "eq", advanced: "ne not" } } },
        proxyAddresses: { properties: { $this: { ops: "eq startswith", advanced: "ne not endswith" } } },
      },
    },
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
