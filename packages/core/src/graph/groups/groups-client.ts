/** The groups resource client: the Graph calls behind the group operations. */
import { startsWith } from "../../http/odata.ts";
import type { ListResult } from "../../http/paginate.ts";
import { listPage } from "../../http/paginate.ts";
import type { RequestOptions, ServiceClient } from "../../http/service-client.ts";
import { segment } from "../common.ts";
import { odataRef } from "../mapping.ts";
import {
  type GraphGroup,
  type GraphMember,
  type GroupChanges,
  type GroupCreate,
  groupMapping,
  memberFromGraph,
} from "./group-mapping.ts";
import type { Group, Member } from "./group-schema.ts";

type Common = Pick<RequestOptions, "signal">;

/** A page of groups. */
export async function listGroups(
  graph: ServiceClient,
  options: Common & {
    displayNameStartsWith?: string | undefined;
    limit: number;
    cursor?: string | undefined;
    /** The groups deleted in the last 30 days instead (`/directory/deletedItems`). */
    deleted?: boolean | undefined;
  },
): Promise<ListResult<Group>> {
  const filter =
    options.displayNameStartsWith === undefined
      ? undefined
      : startsWith("displayName", options.displayNameStartsWith);
  const path = options.deleted === true ? "/directory/deletedItems/microsoft.graph.group" : "/groups";
  const page = await listPage<GraphGroup>(graph, path, {
    query: { $filter: filter === undefined ? undefined : String(filter), $top: Math.min(options.limit, 999) },
    limit: options.limit,
    cursor: options.cursor,
    signal: options.signal,
  });
  return { ...page, items: page.items.map(groupMapping.fromGraph) };
}

/** A group by id. */
export function getGroup(graph: ServiceClient, id: string, options: Common = {}): Promise<Group> {
  return graph.get<GraphGroup>(`/groups/${segment(id)}`, options).then(groupMapping.fromGraph);
}

/** Creates a security group. */
export function createGroup(graph: ServiceClient, spec: GroupCreate, options: Common = {}): Promise<Group> {
  return graph
    .post<GraphGroup>("/groups", groupMapping.toGraphCreate(spec), options)
    .then(groupMapping.fromGraph);
}

/** Updates a group (PATCH, 204). */
export async function updateGroup(
  graph: ServiceClient,
  id: string,
  changes: GroupChanges,
  options: Common = {},
): Promise<void> {
  await graph.patch(`/groups/${segment(id)}`, groupMapping.toGraphPatch(changes), options);
}

/** Deletes a group. */
export function deleteGroup(graph: ServiceClient, id: string, options: Common = {}): Promise<void> {
  return graph.delete(`/groups/${segment(id)}`, options);
}

/** A group's members, or its owners (users and service principals that manage it). */
export type GroupEdge = "members" | "owners";

/** Changing owners takes Group.ReadWrite.All (GroupMember.ReadWrite.All covers members only). */
const ownerPermission = (edge: GroupEdge): Pick<RequestOptions, "requiredPermissions"> =>
  edge === "owners" ? { requiredPermissions: ["Group.ReadWrite.All"] } : {};

/** A page of a group's direct members, each with its type (`#microsoft.graph.user` → `user`). */
export async function listMembers(
  graph: ServiceClient,
  id: string,
  options: Common & { limit: number; cursor?: string | undefined; edge?: GroupEdge | undefined },
): Promise<ListResult<Member>> {
  const page = await listPage<GraphMember>(graph, `/groups/${segment(id)}/${options.edge ?? "members"}`, {
    query: { $top: Math.min(options.limit, 999) },
    limit: options.limit,
    cursor: options.cursor,
    signal: options.signal,
  });
  return { ...page, items: page.items.map(memberFromGraph) };
}

/** Adds a directory object to a group (`POST members/$ref`). */
export async function addMember(
  graph: ServiceClient,
  groupId: string,
  memberId: string,
  options: Common & { edge?: GroupEdge | undefined } = {},
): Promise<void> {
  const { edge = "members", ...common } = options;
  await graph.post(
    `/groups/${segment(groupId)}/${edge}/$ref`,
    odataRef(graph.baseUrl, `/directoryObjects/${segment(memberId)}`),
    { ...common, readAfterWrite: true, ...ownerPermission(edge) },
  );
}

/** Removes a member from a group (`DELETE members/{id}/$ref`). */
export function removeMember(
  graph: ServiceClient,
  groupId: string,
  memberId: string,
  options: Common & { edge?: GroupEdge | undefined } = {},
): Promise<void> {
  const { edge = "members", ...common } = options;
  return graph.delete(`/groups/${segment(groupId)}/${edge}/${segment(memberId)}/$ref`, {
    ...common,
    ...ownerPermission(edge),
  });
}

/** Restores a deleted group from `/directory/deletedItems` (Graph answers with the group). */
export async function restoreGroup(graph: ServiceClient, id: string, options: Common = {}): Promise<Group> {
  return groupMapping.fromGraph(
    await graph.post<GraphGroup>(`/directory/deletedItems/${segment(id)}/restore`, undefined, options),
  );
}
