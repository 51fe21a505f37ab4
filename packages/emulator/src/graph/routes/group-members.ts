import type { JsonObject } from "../../store/json.ts";
import { memberEdgeId } from "../entities/group.ts";
import { isGuid } from "../entities/shape.ts";
import { listCollection } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";
import { audit, directoryObject, idFromReference, jsonBody, notFound } from "./common.ts";
import { groupsSpec, members, membersSpec } from "./group-query.ts";
import { usersSpec } from "./user-query.ts";
import { findUser } from "./users.ts";

const MEMBERS_READ = [
  "GroupMember.Read.All",
  "Group.Read.All",
  "GroupMember.ReadWrite.All",
  "Group.ReadWrite.All",
];
/** Adding and removing members: GroupMember.ReadWrite.All, or Group.ReadWrite.All. */
export const MEMBERS_WRITE = ["GroupMember.ReadWrite.All", "Group.ReadWrite.All"];

/** The group at `/groups/{id}`, or 404. */
export function findGroup(req: GraphRequest, id: string): JsonObject {
  const group = isGuid(id) ? req.tenant.collection("groups").get(id.toLowerCase()) : undefined;
  if (group === undefined) throw notFound(id);
  return group;
}

/** Adds a member edge (the member must exist) and records "Add member to group". */
export function addMember(req: GraphRequest, group: JsonObject, memberId: string): void {
  const found = directoryObject(req, memberId);
  if (found === undefined) throw notFound(memberId);
  req.tenant
    .collection("_groupMembers")
    .put(memberEdgeId(group.id as string, memberId), { groupId: group.id as string, memberId });
  audit(req, {
    activityDisplayName: "Add member to group",
    category: "GroupManagement",
    operationType: "Assign",
    targets: [
      {
        id: memberId,
        displayName: (found.record.displayName ?? null) as string | null,
        type: found.type === "user" ? "User" : found.type,
        userPrincipalName: (found.record.userPrincipalName ?? null) as string | null,
      },
      { id: group.id as string, displayName: group.displayName as string | null, type: "Group" },
    ],
  });
}

function addMemberRef(req: GraphRequest, id: string) {
  const group = findGroup(req, id);
  const memberId = idFromReference(jsonBody(req)["@odata.id"]);
  if (req.tenant.collection("_groupMembers").has(memberEdgeId(group.id as string, memberId))) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      "One or more added object references already exist for the following modified properties: 'members'.",
    );
  }
  addMember(req, group, memberId);
  return { status: 204 };
}

function removeMemberRef(req: GraphRequest, id: string, memberId: string) {
  const group = findGroup(req, id);
  const edgeId = memberEdgeId(group.id as string, memberId.toLowerCase());
  if (!req.tenant.collection("_groupMembers").delete(edgeId)) throw notFound(memberId);
  const found = directoryObject(req, memberId.toLowerCase());
  audit(req, {
    activityDisplayName: "Remove member from group",
    category: "GroupManagement",
    operationType: "Unassign",
    targets: [
      {
        id: memberId,
        displayName: (found?.record.displayName ?? null) as string | null,
        type: found?.type === "user" ? "User" : (found?.type ?? "Unknown"),
      },
      { id: group.id as string, displayName: group.displayName as string, type: "Group" },
    ],
  });
  return { status: 204 };
}

/** `@odata.type` first on every group of a directoryObject collection, selected or not. */
function withGroupType(served: JsonObject): JsonObject {
  return { "@odata.type": "#microsoft.graph.group", ...served };
}

/** Groups a directory object is a direct member of, each with its `@odata.type`. */
function memberOf(req: GraphRequest, memberId: string): JsonObject[] {
  const groups = req.tenant.collection("groups");
  const out: JsonObject[] = [];
  for (const edge of req.tenant.collection("_groupMembers").values()) {
    if (edge.memberId !== memberId) continue;
    const group = groups.get(edge.groupId as string);
    if (group !== undefined) out.push({ "@odata.type": "#microsoft.graph.group", ...group });
  }
  return out;
}

/** `/groups/{id}/members` (list, cast to users, `$ref` add and remove) and `/users/{id}/memberOf` (api-surface 7). */
export const groupMemberRoutes: GraphRoute[] = [
  {
    method: "GET",
    path: "/groups/{id}/members/microsoft.graph.user",
    permissions: MEMBERS_READ,
    directory: true,
    cost: 3,
    // The type cast keeps the users only and serves them as a users collection (no @odata.type).
    handle: (req, p) => {
      const users = req.tenant.collection("users");
      const ids = members(req, findGroup(req, p.id as string).id as string).map((m) => m.id as string);
      const records = ids.flatMap((id): JsonObject[] => {
        const user = users.get(id);
        return user === undefined ? [] : [user];
      });
      return listCollection(req, usersSpec, records);
    },
  },
  {
    method: "GET",
    path: "/users/{id}/memberOf",
    permissions: ["User.Read.All", "User.ReadWrite.All", "GroupMember.Read.All", "Group.Read.All"],
    directory: true,
    cost: 2,
    handle: (req, p) => {
      const spec = { ...groupsSpec(req), entitySet: "directoryObjects", expand: {}, finish: withGroupType };
      return listCollection(req, spec, memberOf(req, findUser(req, p.id as string).id as string));
    },
  },
  {
    method: "GET",
    path: "/groups/{id}/members",
    permissions: MEMBERS_READ,
    directory: true,
    cost: 3,
    handle: (req, p) =>
      listCollection(req, membersSpec, members(req, findGroup(req, p.id as string).id as string)),
  },
  {
    method: "POST",
    path: "/groups/{id}/members/$ref",
    permissions: MEMBERS_WRITE,
    directory: true,
    handle: (req, p) => addMemberRef(req, p.id as string),
  },
  {
    method: "DELETE",
    path: "/groups/{id}/members/{memberId}/$ref",
    permissions: MEMBERS_WRITE,
    directory: true,
    handle: (req, p) => removeMemberRef(req, p.id as string, p.memberId as string),
  },
];
