import type { JsonObject } from "../../store/json.ts";
import { hashSecret } from "../../store/secrets.ts";
import { complexValue, isGuid, isoDate, writeProperties } from "../entities/shape.ts";
import { newUser, USER_READ_ONLY } from "../entities/user.ts";
import { countCollection, getEntity, listCollection, serveRecord } from "../odata/collection-query.ts";
import type { GraphRequest, GraphRoute } from "../route.ts";
import { audit, changes, invalidValue, jsonBody, notFound, objectConflict } from "./common.ts";
import { softDelete } from "./deleted-items.ts";
import { userIndex } from "./user-index.ts";
import { usersListSpec, usersSpec } from "./user-query.ts";
import { checkIdentities, checkPassword, checkUpn } from "./user-validation.ts";

const READ = ["User.Read.All", "User.ReadWrite.All"];
const WRITE = ["User.ReadWrite.All"];

/** A user by object id or userPrincipalName (`/users/{id | userPrincipalName}`), or 404. */
export function findUser(req: GraphRequest, key: string): JsonObject {
  const users = req.tenant.collection("users");
  const id = isGuid(key) ? key.toLowerCase() : userIndex(users).byUpn(key);
  const user = id === undefined ? undefined : users.get(id);
  if (user === undefined) throw notFound(key);
  return user;
}

// Uniqueness of the UPN and of each (issuer, issuerAssignedId) sign-in name (emulator-notes §4).
function checkUnique(req: GraphRequest, user: JsonObject): void {
  const index = userIndex(req.tenant.collection("users"));
  const upnOwner = index.byUpn(String(user.userPrincipalName));
  if (upnOwner !== undefined && upnOwner !== user.id) throw objectConflict("userPrincipalName");
  for (const i of user.identities as JsonObject[]) {
    if (i.signInType === "userPrincipalName") continue;
    const owner = index.byIdentity(String(i.issuer), String(i.issuerAssignedId));
    if (owner !== undefined && owner !== user.id) throw objectConflict("identities");
  }
}

function passwordOf(body: JsonObject): string | undefined {
  const profile = body.passwordProfile;
  if (profile === undefined || profile === null || typeof profile !== "object" || Array.isArray(profile))
    return undefined;
  const pw = (profile as JsonObject).password;
  if (pw === undefined || pw === null) return undefined;
  if (typeof pw !== "string") throw invalidValue("passwordProfile", "User");
  return pw;
}

const isLocal = (identities: readonly JsonObject[]): boolean =>
  identities.some((i) => /^(emailAddress.*|userName)$/.test(String(i.signInType)));

function createUser(req: GraphRequest) {
  const body = jsonBody(req);
  for (const name of Object.keys(body)) if (USER_READ_ONLY.has(name)) throw invalidValue(name, "User");
  const identities = Array.isArray(body.identities) ? (body.identities as JsonObject[]) : [];
  checkIdentities(identities, req.tenant.info);
  if (typeof body.displayName !== "string" && identities.length === 0)
    throw invalidValue("displayName", "User");
  const password = passwordOf(body);
  const federatedOnly = identities.length > 0 && !isLocal(identities);
  if (password === undefined && !federatedOnly) throw invalidValue("passwordProfile", "User");
  const user = newUser(req.tenant.info, body, req.now());
  checkUpn(String(user.userPrincipalName), req.tenant.info);
  if (password !== undefined) checkPassword(password, user, user.passwordPolicies as string | null);
  checkUnique(req, user);
  const users = req.tenant.collection("users");
  // Taken before the put: an index that finds the collection a user larger than itself rebuilds from
  // scratch, which made every create O(directory size).
  const index = userIndex(users);
  users.put(user.id as string, user);
  index.add(user);
  if (password !== undefined)
    req.tenant.collection("_userPasswords").put(user.id as string, { ...hashSecret(password) });
  audit(req, {
    activityDisplayName: "Add user",
    category: "UserManagement",
    operationType: "Add",
    targets: [
      {
        id: user.id as string,
        displayName: user.displayName as string | null,
        type: "User",
        userPrincipalName: user.userPrincipalName as string,
        modifiedProperties: changes(
          {},
          user,
          Object.keys(body).filter((k) => k !== "passwordProfile"),
        ),
      },
    ],
  });
  return {
    status: 201,
    headers: { location: `${req.baseUrl}/${req.version}/users/${user.id as string}` },
    body: {
      "@odata.context": `${req.baseUrl}/${req.version}/$metadata#users/$entity`,
      ...serveRecord(user, usersSpec, undefined),
    },
  };
}

function updateUser(req: GraphRequest, key: string) {
  const body = jsonBody(req);
  const before = findUser(req, key);
  const { passwordProfile, ...rest } = body;
  const after = writeProperties("user", structuredClone(before), rest, USER_READ_ONLY);
  if (rest.identities !== undefined) {
    checkIdentities(after.identities as JsonObject[], req.tenant.info);
    // The UPN identity follows the userPrincipalName; clients send only their sign-in names.
    const others = (after.identities as JsonObject[]).filter((i) => i.signInType !== "userPrincipalName");
    after.identities = [
      ...others,
      {
        signInType: "userPrincipalName",
        issuer: req.tenant.info.defaultDomain,
        issuerAssignedId: after.userPrincipalName ?? null,
      },
    ];
  }
  if (rest.userPrincipalName !== undefined) {
    checkUpn(String(after.userPrincipalName), req.tenant.info);
    for (const i of after.identities as JsonObject[])
      if (i.signInType === "userPrincipalName") i.issuerAssignedId = after.userPrincipalName ?? null;
  }
  let password: string | undefined;
  if (passwordProfile !== undefined && passwordProfile !== null) {
    password = passwordOf(body);
    after.passwordProfile = { ...complexValue("passwordProfile", passwordProfile), password: null };
    if (password !== undefined) {
      checkPassword(password, after, after.passwordPolicies as string | null);
      after.lastPasswordChangeDateTime = isoDate(req.now());
      // A password reset ends the user's sessions: refresh tokens issued before it fail with AADSTS50173.
      after.signInSessionsValidFromDateTime = req.now().toISOString();
    }
  }
  checkUnique(req, after);
  const users = req.tenant.collection("users");
  const index = userIndex(users);
  index.remove(before);
  users.put(after.id as string, after);
  index.add(after);
  if (password !== undefined)
    req.tenant.collection("_userPasswords").put(after.id as string, { ...hashSecret(password) });
  audit(req, {
    activityDisplayName: password === undefined ? "Update user" : "Reset user password",
    category: "UserManagement",
    operationType: "Update",
    targets: [
      {
        id: after.id as string,
        displayName: after.displayName as string | null,
        type: "User",
        userPrincipalName: after.userPrincipalName as string,
        modifiedProperties: changes(before, after, Object.keys(body), new Set(["passwordProfile"])),
      },
    ],
  });
  return { status: 204 };
}

function deleteUser(req: GraphRequest, key: string) {
  const user = findUser(req, key);
  const id = user.id as string;
  const users = req.tenant.collection("users");
  userIndex(users).remove(user);
  users.delete(id);
  const password = req.tenant.collection("_userPasswords").get(id);
  req.tenant.collection("_userPasswords").delete(id);
  softDelete(req, "user", user, password === undefined ? [] : [password]);
  const edges = req.tenant.collection("_groupMembers");
  for (const [edgeId, edge] of [...edges.entries()]) if (edge.memberId === id) edges.delete(edgeId);
  const assignments = req.tenant.collection("appRoleAssignments");
  for (const [aid, a] of [...assignments.entries()]) if (a.principalId === id) assignments.delete(aid);
  audit(req, {
    activityDisplayName: "Delete user",
    category: "UserManagement",
    operationType: "Delete",
    targets: [
      {
        id,
        displayName: user.displayName as string | null,
        type: "User",
        userPrincipalName: user.userPrincipalName as string,
      },
    ],
  });
  return { status: 204 };
}

/**
 * `POST /users/{id}/revokeSignInSessions`: every refresh token and session cookie issued to the
 * user before now stops working (https://learn.microsoft.com/graph/api/user-revokesigninsessions).
 * The token service compares a refresh token's sign-in time with `signInSessionsValidFromDateTime`.
 */
function revokeSignInSessions(req: GraphRequest, key: string) {
  const before = findUser(req, key);
  const after: JsonObject = { ...before, signInSessionsValidFromDateTime: req.now().toISOString() };
  req.tenant.collection("users").put(after.id as string, after);
  audit(req, {
    activityDisplayName: "Invalidate all refresh tokens for user",
    category: "UserManagement",
    operationType: "Update",
    targets: [
      {
        id: after.id as string,
        displayName: after.displayName as string | null,
        type: "User",
        userPrincipalName: after.userPrincipalName as string,
      },
    ],
  });
  return {
    status: 200,
    body: { "@odata.context": `${req.baseUrl}/${req.version}/$metadata#Edm.Boolean`, value: true },
  };
}

/** `/users`: customer accounts (api-surface 6). */
export const userRoutes: GraphRoute[] = [
  {
    method: "GET",
    path: "/users",
    permissions: READ,
    directory: true,
    cost: 2,
    handle: (req) => listCollection(req, usersListSpec, req.tenant.collection("users").values()),
  },
  {
    method: "GET",
    path: "/users/$count",
    permissions: READ,
    directory: true,
    handle: (req) => countCollection(req, usersListSpec, req.tenant.collection("users").values()),
  },
  {
    method: "GET",
    path: "/users/{id}",
    permissions: READ,
    directory: true,
    handle: (req, p) => getEntity(req, usersSpec, findUser(req, p.id as string)),
  },
  { method: "POST", path: "/users", permissions: WRITE, directory: true, handle: createUser },
  {
    method: "PATCH",
    path: "/users/{id}",
    permissions: WRITE,
    directory: true,
    handle: (req, p) => updateUser(req, p.id as string),
  },
  {
    method: "DELETE",
    path: "/users/{id}",
    permissions: ["User.DeleteRestore.All", "User.ReadWrite.All"],
    directory: true,
    handle: (req, p) => deleteUser(req, p.id as string),
  },
  {
    method: "POST",
    path: "/users/{id}/revokeSignInSessions",
    permissions: ["User.RevokeSessions.All", "User.ReadWrite.All"],
    directory: true,
    handle: (req, p) => revokeSignInSessions(req, p.id as string),
  },
];
