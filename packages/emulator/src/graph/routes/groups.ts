import { COLLECTIONS } from "../../store/collection-names.ts";
import type { Json, JsonObject } from "../../store/json.ts";
import { GROUP_READ_ONLY, newGroup } from "../entities/group.ts";
import { writeProperties } from "../entities/shape.ts";
import { defineEntitySet } from "../entity-set/define-entity-set.ts";
import type { ReferenceNavigation } from "../entity-set/reference-navigation.ts";
import { insufficientPrivileges, invalidValue, notFound, referenceExists } from "../graph-errors.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";
import { servicePrincipalsSpec } from "./application-query.ts";
import { directoryObject, idFromReference } from "./common.ts";
import { softDelete } from "./deleted-items.ts";
import {
  addEdge,
  dropEdgesOf,
  edgeIds,
  edgeObjects,
  type GroupEdge,
  hasEdge,
  removeEdge,
  transitiveMembers,
} from "./group-edges.ts";
import { groupSpec, groupsSpec, memberOfNavigations, membersSpec } from "./group-query.ts";
import { usersSpec } from "./user-query.ts";

const READ = ["Group.Read.All", "Group.ReadWrite.All"];
const MEMBERS_READ = [
  "GroupMember.Read.All",
  "Group.Read.All",
  "GroupMember.ReadWrite.All",
  "Group.ReadWrite.All",
];
/** Adding and removing members: GroupMember.ReadWrite.All, or Group.ReadWrite.All. */
export const MEMBERS_WRITE = ["GroupMember.ReadWrite.All", "Group.ReadWrite.All"];
/** Graph allows at most 20 `@odata.bind` relationships in one create or update (api-surface 7). */
const BIND_LIMIT = 20;
const NICKNAME = /^[\x21-\x7e]{1,64}$/;
const NICKNAME_FORBIDDEN = /[@()\\[\]";:.<>,]/;
const BINDS = { members: "members@odata.bind", owners: "owners@odata.bind" } as const;

/** Resolves `members@odata.bind` / `owners@odata.bind`: every reference must exist, or nothing changes. */
function bindings(req: GraphRequest, body: JsonObject): Record<GroupEdge, string[]> {
  const list = (name: string): string[] => {
    const v = body[name];
    if (v === undefined) return [];
    if (!Array.isArray(v))
      throw new GraphError(
        400,
        "Request_BadRequest",
        `Invalid value for '${name}': an array of URLs was expected.`,
      );
    return v.map((ref: Json) => idFromReference(ref));
  };
  const out = { members: list(BINDS.members), owners: list(BINDS.owners) };
  if (out.members.length + out.owners.length > BIND_LIMIT) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      `The request has more than ${BIND_LIMIT} relationships to add; split it into requests of at most ${BIND_LIMIT}.`,
    );
  }
  for (const id of [...out.members, ...out.owners])
    if (directoryObject(req, id) === undefined) throw notFound(id);
  // Owners are users or service principals (group owners resource page).
  for (const id of out.owners) {
    const type = directoryObject(req, id)?.type;
    if (type !== "user" && type !== "servicePrincipal") throw invalidValue("owners", "Group");
  }
  return out;
}

function checkGroup(group: JsonObject): JsonObject {
  if (typeof group.displayName !== "string" || group.displayName === "" || group.displayName.length > 256) {
    throw invalidValue("displayName", "Group");
  }
  if (typeof group.mailEnabled !== "boolean") throw invalidValue("mailEnabled", "Group");
  if (typeof group.securityEnabled !== "boolean") throw invalidValue("securityEnabled", "Group");
  const nick = group.mailNickname;
  if (typeof nick !== "string" || !NICKNAME.test(nick) || NICKNAME_FORBIDDEN.test(nick)) {
    throw invalidValue("mailNickname", "Group");
  }
  return group;
}

const withoutBinds = (body: JsonObject): JsonObject =>
  Object.fromEntries(Object.entries(body).filter(([k]) => k !== BINDS.members && k !== BINDS.owners));

// Bindings are resolved before the record is stored and applied after it: a create that names a
// missing member or owner changes nothing.
const pending = new WeakMap<GraphRequest, Record<GroupEdge, string[]>>();

/** A group's members or owners as a reference navigation (list, `$count`, casts, `$ref`). */
function groupReferences(
  kind: GroupEdge,
  read: readonly string[],
  write: readonly string[],
): ReferenceNavigation {
  return {
    name: kind,
    related: (req, group) => edgeObjects(req, kind, String(group.id)),
    spec: () => membersSpec,
    // Members are users, groups and service principals; owners users and service principals.
    casts:
      kind === "members"
        ? { user: () => usersSpec, group: groupsSpec, servicePrincipal: () => servicePrincipalsSpec }
        : { user: () => usersSpec, servicePrincipal: () => servicePrincipalsSpec },
    read,
    cost: 3,
    references: {
      write,
      has: (req, group, id) => hasEdge(req, kind, String(group.id), id),
      add: (req, group, id) => {
        if (kind === "owners")
          bindings(req, { [BINDS.owners]: [`https://graph.microsoft.com/v1.0/directoryObjects/${id}`] });
        addEdge(req, kind, group, id);
      },
      remove: (req, group, id) => removeEdge(req, kind, group, id),
    },
  };
}

/** `/groups` (api-surface 7): the group, its members and owners. */
export const groupSet = defineEntitySet({
  name: "groups",
  collection: COLLECTIONS.groups,
  type: "group",
  spec: groupSpec,
  listSpec: groupsSpec,
  directory: true,
  read: { permissions: READ, listPermissions: ["Group.ReadBasic.All", ...READ] },
  audit: { category: "GroupManagement", activity: "group", targetType: "Group" },
  create: {
    permissions: ["Group.Create", "Group.ReadWrite.All"],
    build: (req, body) => {
      pending.set(req, bindings(req, body));
      return checkGroup(newGroup(req.tenant.info, withoutBinds(body), req.now()));
    },
    after: (req, group) => {
      const binds = pending.get(req);
      for (const id of binds?.owners ?? []) addEdge(req, "owners", group, id);
      for (const id of binds?.members ?? []) addEdge(req, "members", group, id);
    },
  },
  update: {
    permissions: MEMBERS_WRITE,
    changesRecord: (body) => Object.keys(withoutBinds(body)).length > 0,
    apply: (req, group, body) => {
      const props = withoutBinds(body);
      const perms = req.caller.permissions;
      // Binding members needs only GroupMember.ReadWrite.All; changing the group itself needs Group.ReadWrite.All.
      if (
        Object.keys(props).length > 0 &&
        !perms.includes("Group.ReadWrite.All") &&
        !perms.includes("Directory.ReadWrite.All")
      ) {
        throw insufficientPrivileges();
      }
      const binds = bindings(req, body);
      for (const kind of ["members", "owners"] as const) {
        const existing = new Set(edgeIds(req, kind, String(group.id)));
        if (binds[kind].some((id) => existing.has(id))) throw referenceExists(kind);
      }
      pending.set(req, binds);
      return checkGroup(writeProperties("group", group, props, GROUP_READ_ONLY));
    },
    after: (req, _before, group) => {
      const binds = pending.get(req);
      for (const id of binds?.owners ?? []) addEdge(req, "owners", group, id);
      for (const id of binds?.members ?? []) addEdge(req, "members", group, id);
    },
  },
  remove: {
    permissions: ["Group.ReadWrite.All"],
    after: (req, group) => {
      softDelete(req, "group", group);
      dropEdgesOf(req, String(group.id));
    },
  },
  navigations: [
    groupReferences("members", MEMBERS_READ, MEMBERS_WRITE),
    groupReferences("owners", MEMBERS_READ, ["Group.ReadWrite.All"]),
    ...memberOfNavigations(MEMBERS_READ),
    {
      // Members of the group and of its nested groups, each once (group-list-transitivemembers).
      name: "transitiveMembers",
      related: (req, group) => transitiveMembers(req, String(group.id)),
      spec: () => membersSpec,
      casts: { user: () => usersSpec, group: groupsSpec, servicePrincipal: () => servicePrincipalsSpec },
      read: MEMBERS_READ,
      cost: 3,
    },
  ],
});

/** The group at `/groups/{id}`, or 404. */
export const findGroup = (req: GraphRequest, id: string): JsonObject => groupSet.find(req, id);

export const groupRoutes: readonly GraphRoute[] = groupSet.routes;
