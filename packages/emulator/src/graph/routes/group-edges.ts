import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import { memberEdgeId } from "../entities/group.ts";
import { notFound } from "../graph-errors.ts";
import type { GraphRequest } from "../route.ts";
import { audit, directoryObject } from "./common.ts";

/**
 * A group's two reference sets: members (`_groupMembers`) and owners (`_groupOwners`), both kept as
 * one edge record per pair, id `${groupId}:${memberId}` → `{ groupId, memberId }`.
 */
export type GroupEdge = "members" | "owners";

const edgeCollection = (req: GraphRequest, kind: GroupEdge) =>
  req.tenant.collection(kind === "members" ? COLLECTIONS.groupMembers : COLLECTIONS.groupOwners);

/** The ids on one side of a group's edges, in the order they were added. */
export function edgeIds(req: GraphRequest, kind: GroupEdge, groupId: string): string[] {
  const out: string[] = [];
  for (const edge of edgeCollection(req, kind).values())
    if (edge.groupId === groupId) out.push(String(edge.memberId));
  return out;
}

/** Member ids of a group, in the order they were added. */
export const memberIds = (req: GraphRequest, groupId: string): string[] => edgeIds(req, "members", groupId);

/** The related directory objects, each with its `@odata.type`. */
export function edgeObjects(req: GraphRequest, kind: GroupEdge, groupId: string): JsonObject[] {
  const out: JsonObject[] = [];
  for (const id of edgeIds(req, kind, groupId)) {
    const found = directoryObject(req, id);
    if (found !== undefined) out.push({ "@odata.type": `#microsoft.graph.${found.type}`, ...found.record });
  }
  return out;
}

/** A group's member records (users, groups, service principals), each with its `@odata.type`. */
export const members = (req: GraphRequest, groupId: string): JsonObject[] =>
  edgeObjects(req, "members", groupId);

export const hasEdge = (req: GraphRequest, kind: GroupEdge, groupId: string, id: string): boolean =>
  edgeCollection(req, kind).has(memberEdgeId(groupId, id));

const auditType = (type: string): string =>
  type === "user"
    ? "User"
    : type === "group"
      ? "Group"
      : type === "servicePrincipal"
        ? "ServicePrincipal"
        : type;
const ACTIVITY = { members: "member", owners: "owner" } as const;

/** Adds a member or owner edge (the object must exist: 404) and records "Add member/owner to group". */
export function addEdge(req: GraphRequest, kind: GroupEdge, group: JsonObject, id: string): void {
  const found = directoryObject(req, id);
  if (found === undefined) throw notFound(id);
  const groupId = String(group.id);
  edgeCollection(req, kind).put(memberEdgeId(groupId, id), { groupId, memberId: id });
  audit(req, {
    activityDisplayName: `Add ${ACTIVITY[kind]} to group`,
    category: "GroupManagement",
    operationType: "Assign",
    targets: [
      {
        id,
        displayName: (found.record.displayName ?? null) as string | null,
        type: auditType(found.type),
        userPrincipalName: (found.record.userPrincipalName ?? null) as string | null,
      },
      { id: groupId, displayName: (group.displayName ?? null) as string | null, type: "Group" },
    ],
  });
}

/** Removes an edge and records "Remove member/owner from group"; false when there was none. */
export function removeEdge(req: GraphRequest, kind: GroupEdge, group: JsonObject, id: string): boolean {
  const groupId = String(group.id);
  if (!edgeCollection(req, kind).delete(memberEdgeId(groupId, id))) return false;
  const found = directoryObject(req, id);
  audit(req, {
    activityDisplayName: `Remove ${ACTIVITY[kind]} from group`,
    category: "GroupManagement",
    operationType: "Unassign",
    targets: [
      {
        id,
        displayName: (found?.record.displayName ?? null) as string | null,
        type: found === undefined ? "Unknown" : auditType(found.type),
      },
      { id: groupId, displayName: (group.displayName ?? null) as string | null, type: "Group" },
    ],
  });
  return true;
}

/** Drops every member and owner edge that names `id` (a deleted group, user or service principal). */
export function dropEdgesOf(req: GraphRequest, id: string): void {
  for (const kind of ["members", "owners"] as const) {
    const edges = edgeCollection(req, kind);
    for (const [edgeId, e] of [...edges.entries()])
      if (e.groupId === id || e.memberId === id) edges.delete(edgeId);
  }
}

/** Groups an object is a direct member of, each with its `@odata.type`. */
export function memberOf(req: GraphRequest, memberId: string): JsonObject[] {
  const groups = req.tenant.collection(COLLECTIONS.groups);
  const out: JsonObject[] = [];
  for (const edge of req.tenant.collection(COLLECTIONS.groupMembers).values()) {
    if (edge.memberId !== memberId) continue;
    const group = groups.get(String(edge.groupId));
    if (group !== undefined) out.push({ "@odata.type": "#microsoft.graph.group", ...group });
  }
  return out;
}

/**
 * The objects reachable from `start` through `step` (breadth first), each once and never `start`
 * itself; only groups are stepped through further.
 */
function reachable(start: string, step: (id: string) => JsonObject[]): JsonObject[] {
  const seen = new Set<string>([start]);
  const out: JsonObject[] = [];
  const queue = [start];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const object of step(next)) {
      const id = String(object.id);
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(object);
      if (object["@odata.type"] === "#microsoft.graph.group") queue.push(id);
    }
  }
  return out;
}

/** Groups an object is a member of directly or through nested groups, each once. */
export const transitiveMemberOf = (req: GraphRequest, memberId: string): JsonObject[] =>
  reachable(memberId, (id) => memberOf(req, id));

/** A group's members and the members of its nested groups, each once, with their `@odata.type`. */
export const transitiveMembers = (req: GraphRequest, groupId: string): JsonObject[] =>
  reachable(groupId, (id) => members(req, id));
