import type { Json, JsonObject } from "../../store/json.ts";
import { GROUP_READ_ONLY, newGroup } from "../entities/group.ts";
import { writeProperties } from "../entities/shape.ts";
import { countCollection, getEntity, listCollection, serveRecord } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";
import {
  audit,
  changes,
  directoryObject,
  idFromReference,
  invalidValue,
  jsonBody,
  notFound,
} from "./common.ts";
import { softDelete } from "./deleted-items.ts";
import { addMember, findGroup, MEMBERS_WRITE } from "./group-members.ts";
import { groupsSpec, memberIds } from "./group-query.ts";

const READ = ["Group.Read.All", "Group.ReadWrite.All"];
/** Graph allows at most 20 `@odata.bind` relationships in one create or update (api-surface 7). */
const BIND_LIMIT = 20;
const NICKNAME = /^[\x21-\x7e]{1,64}$/;
const NICKNAME_FORBIDDEN = /[@()\\[\]";:.<>,]/;

/** Resolves `members@odata.bind` / `owners@odata.bind`: every reference must exist, or nothing changes. */
function bindings(req: GraphRequest, body: JsonObject): { members: string[]; owners: string[] } {
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
  const out = { members: list("members@odata.bind"), owners: list("owners@odata.bind") };
  // Owners are not modelled (no /owners routes): refuse them rather than drop them silently.
  if (out.owners.length > 0) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      "The emulator does not support 'owners@odata.bind'; create the group without owners.",
    );
  }
  if (out.members.length + out.owners.length > BIND_LIMIT) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      `The request has more than ${BIND_LIMIT} relationships to add; split it into requests of at most ${BIND_LIMIT}.`,
    );
  }
  for (const id of [...out.members, ...out.owners])
    if (directoryObject(req, id) === undefined) throw notFound(id);
  return out;
}

function checkGroup(group: JsonObject): void {
  if (typeof group.displayName !== "string" || group.displayName === "" || group.displayName.length > 256) {
    throw invalidValue("displayName", "Group");
  }
  if (typeof group.mailEnabled !== "boolean") throw invalidValue("mailEnabled", "Group");
  if (typeof group.securityEnabled !== "boolean") throw invalidValue("securityEnabled", "Group");
  const nick = group.mailNickname;
  if (typeof nick !== "string" || !NICKNAME.test(nick) || NICKNAME_FORBIDDEN.test(nick)) {
    throw invalidValue("mailNickname", "Group");
  }
}

const withoutBinds = (body: JsonObject): JsonObject =>
  Object.fromEntries(
    Object.entries(body).filter(([k]) => k !== "members@odata.bind" && k !== "owners@odata.bind"),
  );

function createGroup(req: GraphRequest) {
  const body = jsonBody(req);
  const binds = bindings(req, body);
  const group = newGroup(req.tenant.info, withoutBinds(body), req.now());
  checkGroup(group);
  req.tenant.collection("groups").put(group.id as string, group);
  audit(req, {
    activityDisplayName: "Add group",
    category: "GroupManagement",
    operationType: "Add",
    targets: [
      {
        id: group.id as string,
        displayName: group.displayName as string,
        type: "Group",
        modifiedProperties: changes({}, group, Object.keys(withoutBinds(body))),
      },
    ],
  });
  for (const id of binds.members) addMember(req, group, id);
  const spec = groupsSpec(req);
  return {
    status: 201,
    body: {
      "@odata.context": `${req.baseUrl}/${req.version}/$metadata#groups/$entity`,
      ...serveRecord(group, spec, undefined),
    },
  };
}

function updateGroup(req: GraphRequest, id: string) {
  const body = jsonBody(req);
  const before = findGroup(req, id);
  const props = withoutBinds(body);
  const perms = req.caller.permissions;
  // Binding members needs only GroupMember.ReadWrite.All; changing the group itself needs Group.ReadWrite.All.
  if (
    Object.keys(props).length > 0 &&
    !perms.includes("Group.ReadWrite.All") &&
    !perms.includes("Directory.ReadWrite.All")
  ) {
    throw new GraphError(
      403,
      "Authorization_RequestDenied",
      "Insufficient privileges to complete the operation.",
    );
  }
  const binds = bindings(req, body);
  const existing = new Set(memberIds(req, before.id as string));
  for (const m of binds.members) {
    if (existing.has(m))
      throw new GraphError(
        400,
        "Request_BadRequest",
        "One or more added object references already exist for the following modified properties: 'members'.",
      );
  }
  const after = writeProperties("group", structuredClone(before), props, GROUP_READ_ONLY);
  checkGroup(after);
  if (Object.keys(props).length > 0) {
    req.tenant.collection("groups").put(after.id as string, after);
    audit(req, {
      activityDisplayName: "Update group",
      category: "GroupManagement",
      operationType: "Update",
      targets: [
        {
          id: after.id as string,
          displayName: after.displayName as string,
          type: "Group",
          modifiedProperties: changes(before, after, Object.keys(props)),
        },
      ],
    });
  }
  for (const m of binds.members) addMember(req, after, m);
  return { status: 204 };
}

function deleteGroup(req: GraphRequest, id: string) {
  const group = findGroup(req, id);
  req.tenant.collection("groups").delete(group.id as string);
  softDelete(req, "group", group);
  const edges = req.tenant.collection("_groupMembers");
  for (const [edgeId, e] of [...edges.entries()])
    if (e.groupId === group.id || e.memberId === group.id) edges.delete(edgeId);
  audit(req, {
    activityDisplayName: "Delete group",
    category: "GroupManagement",
    operationType: "Delete",
    targets: [{ id: group.id as string, displayName: group.displayName as string, type: "Group" }],
  });
  return { status: 204 };
}

/** `/groups` (api-surface 7); members are in group-members.ts. */
export const groupRoutes: GraphRoute[] = [
  {
    method: "GET",
    path: "/groups",
    permissions: ["Group.ReadBasic.All", ...READ],
    directory: true,
    handle: (req) => listCollection(req, groupsSpec(req), req.tenant.collection("groups").values()),
  },
  {
    method: "GET",
    path: "/groups/$count",
    permissions: READ,
    directory: true,
    handle: (req) => countCollection(req, groupsSpec(req), req.tenant.collection("groups").values()),
  },
  {
    method: "GET",
    path: "/groups/{id}",
    permissions: READ,
    directory: true,
    handle: (req, p) => getEntity(req, groupsSpec(req), findGroup(req, p.id as string)),
  },
  {
    method: "POST",
    path: "/groups",
    permissions: ["Group.Create", "Group.ReadWrite.All"],
    directory: true,
    handle: createGroup,
  },
  {
    method: "PATCH",
    path: "/groups/{id}",
    permissions: MEMBERS_WRITE,
    directory: true,
    handle: (req, p) => updateGroup(req, p.id as string),
  },
  {
    method: "DELETE",
    path: "/groups/{id}",
    permissions: ["Group.ReadWrite.All"],
    directory: true,
    handle: (req, p) => deleteGroup(req, p.id as string),
  },
];
