import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import { hashSecret } from "../../store/secrets.ts";
import { complexValue, isGuid, isoDate, writeProperties } from "../entities/shape.ts";
import { newUser, USER_READ_ONLY } from "../entities/user.ts";
import { defineEntitySet } from "../entity-set/define-entity-set.ts";
import type { GraphRequest, GraphRoute } from "../route.ts";
import { audit, invalidValue, objectConflict } from "./common.ts";
import { softDelete } from "./deleted-items.ts";
import { dropEdgesOf } from "./group-edges.ts";
import { memberOfNavigations } from "./group-query.ts";
import { type UserIndex, userIndex } from "./user-index.ts";
import { usersListSpec, usersSpec } from "./user-query.ts";
import { checkIdentities, checkPassword, checkUpn } from "./user-validation.ts";

const READ = ["User.Read.All", "User.ReadWrite.All"];
const WRITE = ["User.ReadWrite.All"];

// Uniqueness of the UPN and of each (issuer, issuerAssignedId) sign-in name (emulator-notes §4).
function checkUnique(req: GraphRequest, user: JsonObject): void {
  const index = userIndex(req.tenant.collection(COLLECTIONS.users));
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

const indexes = new WeakMap<GraphRequest, UserIndex>();
const passwords = new WeakMap<GraphRequest, string>();

function buildUser(req: GraphRequest, body: JsonObject): JsonObject {
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
  if (password !== undefined) checkPassword(password, user.passwordPolicies as string | null);
  checkUnique(req, user);
  // Taken before the put: an index that finds the collection a user larger than itself rebuilds from
  // scratch, which made every create O(directory size).
  indexes.set(req, userIndex(req.tenant.collection(COLLECTIONS.users)));
  if (password !== undefined) passwords.set(req, password);
  return user;
}

function afterWrite(req: GraphRequest, user: JsonObject): void {
  indexes.get(req)?.add(user);
  const password = passwords.get(req);
  if (password !== undefined)
    req.tenant.collection(COLLECTIONS.userPasswords).put(String(user.id), { ...hashSecret(password) });
}

function applyUpdate(req: GraphRequest, after: JsonObject, body: JsonObject): JsonObject {
  const before = findUser(req, String(after.id));
  const { passwordProfile, ...rest } = body;
  writeProperties("user", after, rest, USER_READ_ONLY);
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
  if (passwordProfile !== undefined && passwordProfile !== null) {
    const password = passwordOf(body);
    after.passwordProfile = { ...complexValue("passwordProfile", passwordProfile), password: null };
    if (password !== undefined) {
      checkPassword(password, after.passwordPolicies as string | null);
      after.lastPasswordChangeDateTime = isoDate(req.now());
      // A password reset ends the user's sessions: refresh tokens issued before it fail with AADSTS50173.
      after.signInSessionsValidFromDateTime = req.now().toISOString();
      passwords.set(req, password);
    }
  }
  checkUnique(req, after);
  const index = userIndex(req.tenant.collection(COLLECTIONS.users));
  index.remove(before);
  indexes.set(req, index);
  return after;
}

function afterDelete(req: GraphRequest, user: JsonObject): void {
  const id = String(user.id);
  userIndex(req.tenant.collection(COLLECTIONS.users)).remove(user);
  const password = req.tenant.collection(COLLECTIONS.userPasswords).get(id);
  req.tenant.collection(COLLECTIONS.userPasswords).delete(id);
  softDelete(req, "user", user, password === undefined ? [] : [password]);
  dropEdgesOf(req, id);
  const assignments = req.tenant.collection(COLLECTIONS.appRoleAssignments);
  for (const [aid, a] of [...assignments.entries()]) if (a.principalId === id) assignments.delete(aid);
}

/**
 * `POST /users/{id}/revokeSignInSessions`: every refresh token and session cookie issued to the
 * user before now stops working (https://learn.microsoft.com/graph/api/user-revokesigninsessions).
 * The token service compares a refresh token's sign-in time with `signInSessionsValidFromDateTime`.
 */
function revokeSignInSessions(req: GraphRequest, key: string) {
  const before = findUser(req, key);
  const after: JsonObject = { ...before, signInSessionsValidFromDateTime: req.now().toISOString() };
  req.tenant.collection(COLLECTIONS.users).put(after.id as string, after);
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
export const userSet = defineEntitySet({
  name: "users",
  collection: COLLECTIONS.users,
  type: "user",
  spec: usersSpec,
  listSpec: usersListSpec,
  directory: true,
  find: (req, key) => {
    const users = req.tenant.collection(COLLECTIONS.users);
    const id = isGuid(key) ? key.toLowerCase() : userIndex(users).byUpn(key);
    return id === undefined ? undefined : users.get(id);
  },
  read: { permissions: READ, listCost: 2 },
  audit: {
    category: "UserManagement",
    activity: "user",
    targetType: "User",
    target: (user) => ({ userPrincipalName: user.userPrincipalName as string }),
  },
  create: {
    permissions: WRITE,
    build: buildUser,
    audited: (body) => Object.keys(body).filter((k) => k !== "passwordProfile"),
    withheld: ["passwordProfile"],
    after: (req, user) => afterWrite(req, user),
  },
  update: {
    permissions: WRITE,
    secret: new Set(["passwordProfile"]),
    activity: (req) => (passwords.has(req) ? "Reset user password" : undefined),
    apply: (req, user, body) => applyUpdate(req, user, body),
    after: (req, _before, user) => afterWrite(req, user),
  },
  remove: { permissions: ["User.DeleteRestore.All", "User.ReadWrite.All"], after: afterDelete },
  navigations: memberOfNavigations([
    "User.Read.All",
    "User.ReadWrite.All",
    "GroupMember.Read.All",
    "Group.Read.All",
  ]),
  extraRoutes: () => [
    {
      method: "POST",
      path: "/users/{id}/revokeSignInSessions",
      permissions: ["User.RevokeSessions.All", "User.ReadWrite.All"],
      directory: true,
      handle: (req, p) => revokeSignInSessions(req, p.id ?? ""),
    },
  ],
});

/** A user by object id or userPrincipalName (`/users/{id | userPrincipalName}`), or 404. */
export const findUser = (req: GraphRequest, key: string): JsonObject => userSet.find(req, key);

export const userRoutes: readonly GraphRoute[] = userSet.routes;
