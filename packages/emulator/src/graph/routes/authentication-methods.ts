import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import { defineEntitySet } from "../entity-set/define-entity-set.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphResult, type GraphRoute } from "../route.ts";
import { findUser, userSet } from "./users.ts";

/**
 * A user's authentication methods (`/users/{id}/authentication`), as External ID has them: the
 * password (while the user has one), one email method and phone methods (mobile, alternateMobile,
 * office). Registered methods live in `_authenticationMethods` with the user's id; the password
 * method is derived from the stored password hash and cannot be deleted (Graph serves no DELETE
 * for it). Ids are Graph's fixed ones (phoneauthenticationmethod, passwordauthenticationmethod).
 * The default method is the first one registered: Graph refuses to delete it while other methods
 * remain ("Cannot delete default method with other methods configured"), and refuses to delete the
 * mobile phone while an alternateMobile one exists.
 */
const READ = ["UserAuthenticationMethod.Read.All", "UserAuthenticationMethod.ReadWrite.All"];
const WRITE = ["UserAuthenticationMethod.ReadWrite.All"];
const PASSWORD_METHOD_ID = "28c10230-6103-485e-b985-444c60001490";
const EMAIL_METHOD_ID = "3ddfcfc8-9383-446f-83cc-3ab9be4be18f";
const PHONE_IDS: Record<string, string> = {
  mobile: "3179e48a-750b-4051-897c-87b9720928f7",
  alternateMobile: "b6332ec1-7057-4abe-9331-3d72feddfe41",
  office: "e37fc753-ff3b-4958-9484-eaa9425c82bc",
};
/** Graph's phone format: `+{country code} {number}`, optionally `x{extension}`. */
const PHONE_NUMBER = /^\+\d{1,3} \d{4,15}(x\d{1,10})?$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

type Kind = "email" | "phone";
const ODATA_TYPE = { email: "emailAuthenticationMethod", phone: "phoneAuthenticationMethod" } as const;

const badRequest = (message: string) => new GraphError(400, "badRequest", message);
const storeKey = (userId: string, methodId: string) => `${userId}:${methodId}`;

/** The registered (email and phone) methods of a user, or of every user, oldest first. */
function registered(req: GraphRequest, userId?: string): JsonObject[] {
  return [...req.tenant.collection(COLLECTIONS.authenticationMethods).values()]
    .filter((m) => userId === undefined || m.userId === userId)
    .sort((a, b) => Number(a.order) - Number(b.order));
}

function served(method: JsonObject): JsonObject {
  const { userId: _u, order: _o, kind, ...rest } = method;
  return { "@odata.type": `#microsoft.graph.${ODATA_TYPE[kind as Kind]}`, ...rest };
}

function listAll(req: GraphRequest, key: string): GraphResult {
  const user = findUser(req, key);
  const id = String(user.id);
  const password = req.tenant.collection(COLLECTIONS.userPasswords).get(id);
  const value: JsonObject[] = [
    ...(password === undefined
      ? []
      : [
          {
            "@odata.type": "#microsoft.graph.passwordAuthenticationMethod",
            id: PASSWORD_METHOD_ID,
            password: null,
            createdDateTime: (user.lastPasswordChangeDateTime ?? user.createdDateTime ?? null) as
              | string
              | null,
          },
        ]),
    ...registered(req, id).map(served),
  ];
  return {
    status: 200,
    body: {
      "@odata.context": `${req.baseUrl}/${req.version}/$metadata#users('${id}')/authentication/methods`,
      value,
    },
  };
}

/** A user's registered method of one kind under `/users/{id}/authentication/{kind}Methods`. */
function build(req: GraphRequest, body: JsonObject, kind: Kind, user: JsonObject = {}): JsonObject {
  const userId = String(user.id);
  const existing = registered(req, userId);
  let method: JsonObject;
  if (kind === "email") {
    const emailAddress = body.emailAddress;
    if (typeof emailAddress !== "string" || !EMAIL.test(emailAddress))
      throw badRequest("Invalid value specified for property 'emailAddress'.");
    if (existing.some((m) => m.kind === "email"))
      throw badRequest("The user already has an email authentication method.");
    method = { id: EMAIL_METHOD_ID, emailAddress };
  } else {
    const { phoneNumber, phoneType } = body;
    if (typeof phoneNumber !== "string" || !PHONE_NUMBER.test(phoneNumber))
      throw badRequest("Invalid value specified for property 'phoneNumber'.");
    const id = typeof phoneType === "string" ? PHONE_IDS[phoneType] : undefined;
    if (id === undefined) throw badRequest("Invalid value specified for property 'phoneType'.");
    if (existing.some((m) => m.id === id))
      throw badRequest(`The user already has a ${phoneType} phone method.`);
    if (phoneType === "alternateMobile" && !existing.some((m) => m.id === PHONE_IDS.mobile))
      throw badRequest("A user can't have an alternateMobile number without a mobile number.");
    method = { id, phoneNumber, phoneType: phoneType as string, smsSignInState: "notAllowedByPolicy" };
  }
  const order = existing.reduce((n, m) => Math.max(n, Number(m.order)), 0) + 1;
  return { ...method, userId, kind, order };
}

/** Graph refuses to delete the default (first) method while others remain, and mobile before alternateMobile. */
function checkRemove(req: GraphRequest, method: JsonObject): void {
  const methods = registered(req, String(method.userId));
  if (method.id === methods[0]?.id && methods.length > 1)
    throw badRequest(
      "Cannot delete default method with other methods configured. Please change default method before deletion.",
    );
  if (method.id === PHONE_IDS.mobile && methods.some((m) => m.id === PHONE_IDS.alternateMobile))
    throw badRequest(
      "A user can't have an alternateMobile number without a mobile number: delete or update the alternateMobile number first.",
    );
}

const methodSpec = (kind: Kind): CollectionSpec => ({
  entitySet: `authentication/${kind}Methods`,
  type: ODATA_TYPE[kind],
  directory: false,
  page: { default: 100, max: 999 },
  filter: { resource: ODATA_TYPE[kind], type: ODATA_TYPE[kind], directory: false, properties: {} },
});

/** `/users/{id}/authentication/{email,phone}Methods`: list, add and delete (Graph documents no read of one here). */
function methodSet(kind: Kind) {
  return defineEntitySet({
    name: `authentication/${kind}Methods`,
    collection: COLLECTIONS.authenticationMethods,
    parent: { set: userSet, owns: (user, m) => m.userId === user.id && m.kind === kind },
    // Method ids are Graph's fixed ones per type: unique within a user only.
    storeKey: (m) => storeKey(String(m.userId), String(m.id)),
    type: ODATA_TYPE[kind],
    spec: methodSpec(kind),
    directory: false,
    list: (req) => registered(req),
    find: (req, id, user) =>
      registered(req, String(user?.id)).find((m) => m.kind === kind && m.id === id.toLowerCase()),
    serve: (_req, m) => {
      const { "@odata.type": _t, ...rest } = served(m);
      return rest;
    },
    read: { permissions: READ, get: false, count: false },
    audit: {
      category: "UserManagement",
      activity: "security info",
      targetType: "User",
      entry: (verb, _before, m, req) => {
        const user = req.tenant.collection(COLLECTIONS.users).get(String(m.userId)) ?? {};
        return {
          activityDisplayName:
            verb === "Add" ? "User registered security info" : "User deleted security info",
          category: "UserManagement",
          operationType: verb === "Add" ? "Add" : "Delete",
          targets: [
            {
              id: String(m.userId),
              displayName: (user.displayName ?? null) as string | null,
              type: "User",
              userPrincipalName: user.userPrincipalName as string,
            },
          ],
        };
      },
    },
    create: { permissions: WRITE, build: (req, body, user) => build(req, body, kind, user) },
    remove: { permissions: WRITE, before: checkRemove },
  });
}

/** `/users/{id}/authentication/…`: list every method (the password one derived), and the email and phone method sets. */
export const authenticationMethodRoutes: readonly GraphRoute[] = [
  {
    method: "GET",
    path: "/users/{id}/authentication/methods",
    permissions: READ,
    handle: (req, p) => listAll(req, p.id ?? ""),
  },
  ...methodSet("email").routes,
  ...methodSet("phone").routes,
];
