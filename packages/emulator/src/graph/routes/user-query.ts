import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import type { FilterExpr } from "../odata/filter-ast.ts";
import type { PropertySupport } from "../odata/filter-support.ts";
import { GraphError, type GraphRequest } from "../route.ts";
import { userIndex } from "./user-index.ts";

// From the user resource page's property table ("Supports $filter (eq, ne, not, ge, le, in,
// startsWith, and eq on null values)"); ne/not/endsWith/eq null are advanced queries.
const TEXT: PropertySupport = { ops: "eq ge le in startswith", advanced: "ne not endswith eqnull" };
const TEXT_NO_ENDS: PropertySupport = { ops: "eq ge le in startswith", advanced: "ne not eqnull" };
const FLAG: PropertySupport = { ops: "eq", advanced: "ne not eqnull" };
const DATE: PropertySupport = { ops: "eq ge le", advanced: "ne not in eqnull" };
const ID: PropertySupport = { ops: "eq in", advanced: "ne not" };

/**
 * `identities/any(...)`: the issuerAssignedId needs its issuer in the same lambda; issuer alone is
 * filterable only for social and mail/phone issuers (api-surface 6.4).
 */
function checkIdentityLambda(body: FilterExpr): void {
  const names = new Map<string, string | null>();
  const collect = (e: FilterExpr): void => {
    if (e.kind === "and") {
      collect(e.left);
      collect(e.right);
    } else if (
      e.kind === "compare" &&
      e.op === "eq" &&
      e.left.kind === "property" &&
      e.right.kind === "literal"
    ) {
      names.set(e.left.path.join("/"), e.right.literal.type === "string" ? e.right.literal.value : null);
    } else {
      throw new GraphError(
        400,
        "Request_UnsupportedQuery",
        "Unsupported or invalid query filter clause specified for property 'identities' of resource 'User'.",
      );
    }
  };
  collect(body);
  const issuer = names.get("issuer");
  const ok =
    (names.has("issuerAssignedId") && issuer !== undefined) ||
    (!names.has("issuerAssignedId") &&
      ["google.com", "facebook.com", "mail", "phone"].includes(String(issuer).toLowerCase()));
  if (!ok) {
    throw new GraphError(
      400,
      "Request_UnsupportedQuery",
      "Unsupported or invalid query filter clause specified for property 'identities' of resource 'User'.",
    );
  }
}

/**
 * For local accounts (emailAddress*, userName) Graph ignores the issuer in an identities filter
 * (api-surface 6.4): `c/issuer eq 'x'` becomes "issuer is x, or the identity is a local one"; and
 * userPrincipalName identities never match such a filter.
 */
export function ignoreLocalIssuer(expr: FilterExpr): FilterExpr {
  switch (expr.kind) {
    case "and":
    case "or":
      return { ...expr, left: ignoreLocalIssuer(expr.left), right: ignoreLocalIssuer(expr.right) };
    case "not":
      return { ...expr, operand: ignoreLocalIssuer(expr.operand) };
    case "lambda": {
      if (expr.path.join("/") !== "identities") return expr;
      const v = expr.variable;
      const rewrite = (e: FilterExpr): FilterExpr => {
        if (e.kind === "and" || e.kind === "or")
          return { ...e, left: rewrite(e.left), right: rewrite(e.right) };
        if (e.kind !== "compare" || e.left.kind !== "property" || e.left.path.join("/") !== "issuer")
          return e;
        const signInType = { kind: "property" as const, path: ["signInType"], variable: v };
        const local: FilterExpr = {
          kind: "or",
          left: {
            kind: "call",
            name: "startswith",
            args: [signInType, { kind: "literal", literal: { type: "string", value: "emailAddress" } }],
          },
          right: {
            kind: "compare",
            op: "eq",
            left: signInType,
            right: { kind: "literal", literal: { type: "string", value: "userName" } },
          },
        };
        return { kind: "or", left: e, right: local };
      };
      // userPrincipalName identities are not found this way (filter userPrincipalName instead).
      const notUpn: FilterExpr = {
        kind: "compare",
        op: "ne",
        left: { kind: "property", path: ["signInType"], variable: v },
        right: { kind: "literal", literal: { type: "string", value: "userPrincipalName" } },
      };
      return { ...expr, body: { kind: "and", left: rewrite(expr.body), right: notUpn } };
    }
    default:
      return expr;
  }
}

/** The default property set of `GET /users` without `$select` (api-surface 6.4). */
export const USER_DEFAULT_SELECT = [
  "businessPhones",
  "displayName",
  "givenName",
  "jobTitle",
  "mail",
  "mobilePhone",
  "officeLocation",
  "preferredLanguage",
  "surname",
  "userPrincipalName",
  "id",
] as const;

/** How `/users` answers OData queries. */
export const usersSpec: CollectionSpec = {
  entitySet: "users",
  type: "user",
  directory: true,
  page: { default: 100, max: 999 },
  defaultSelect: USER_DEFAULT_SELECT,
  search: ["displayName", "mail", "userPrincipalName", "givenName", "surname", "mailNickname"],
  orderby: {
    displayName: "basic",
    userPrincipalName: "basic",
    createdDateTime: "advanced",
    mail: "advanced",
    givenName: "advanced",
    surname: "advanced",
  },
  filter: {
    resource: "User",
    type: "user",
    directory: true,
    extensions: true,
    rewrite: ignoreLocalIssuer,
    properties: {
      id: ID,
      displayName: TEXT,
      givenName: TEXT,
      surname: TEXT,
      mail: TEXT,
      userPrincipalName: TEXT,
      mailNickname: TEXT,
      jobTitle: TEXT_NO_ENDS,
      mobilePhone: TEXT_NO_ENDS,
      city: TEXT_NO_ENDS,
      country: TEXT_NO_ENDS,
      state: TEXT_NO_ENDS,
      postalCode: TEXT_NO_ENDS,
      department: TEXT_NO_ENDS,
      companyName: TEXT_NO_ENDS,
      employeeId: TEXT_NO_ENDS,
      officeLocation: TEXT_NO_ENDS,
      preferredLanguage: TEXT_NO_ENDS,
      streetAddress: TEXT_NO_ENDS,
      usageLocation: TEXT_NO_ENDS,
      userType: { ops: "eq in", advanced: "ne not eqnull" },
      creationType: { ops: "eq in", advanced: "ne not eqnull" },
      accountEnabled: FLAG,
      createdDateTime: DATE,
    },
    lambdas: {
      identities: {
        properties: { issuer: { ops: "eq" }, issuerAssignedId: { ops: "eq" } },
        check: checkIdentityLambda,
      },
      otherMails: { properties: { $this: { ops: "eq startswith", advanced: "ne not" } } },
      proxyAddresses: { properties: { $this: { ops: "eq startswith", advanced: "ne not endswith" } } },
      businessPhones: { properties: { $this: { ops: "eq", advanced: "ne not" } } },
      // user-list example 9: users assigned a license, by SKU.
      assignedLicenses: { properties: { skuId: { ops: "eq" } } },
    },
  },
};

/** The conjuncts of a filter's top-level `and`s. */
function conjuncts(expr: FilterExpr): FilterExpr[] {
  return expr.kind === "and" ? [...conjuncts(expr.left), ...conjuncts(expr.right)] : [expr];
}

/** The value of `path eq 'value'` (a string or GUID literal), else undefined. */
function eqValue(e: FilterExpr, path: string): string | undefined {
  if (e.kind !== "compare" || e.op !== "eq" || e.left.kind !== "property" || e.right.kind !== "literal")
    return undefined;
  if (e.left.path.join("/") !== path) return undefined;
  const lit = e.right.literal;
  return lit.type === "string" || lit.type === "guid" ? lit.value : undefined;
}

/**
 * The users a filter can match, through the index, when one of its top-level conditions names a
 * sign-in name, a UPN or an id (the look-ups migration tools make once per row); else undefined.
 */
export function userCandidates(expr: FilterExpr, req: GraphRequest): JsonObject[] | undefined {
  const users = req.tenant.collection(COLLECTIONS.users);
  const pick = (ids: readonly (string | undefined)[]): JsonObject[] =>
    ids.flatMap((id) => {
      const u = id === undefined ? undefined : users.get(id.toLowerCase());
      return u === undefined ? [] : [u];
    });
  for (const c of conjuncts(expr)) {
    if (c.kind === "lambda" && c.quantifier === "any" && c.path.join("/") === "identities") {
      const assigned = conjuncts(c.body)
        .map((b) => eqValue(b, "issuerAssignedId"))
        .find((v) => v !== undefined);
      if (assigned !== undefined) return pick(userIndex(users).byAssignedId(assigned));
    }
    const upn = eqValue(c, "userPrincipalName");
    if (upn !== undefined) return pick([userIndex(users).byUpn(upn)]);
    const id = eqValue(c, "id");
    if (id !== undefined) return pick([id]);
  }
  return undefined;
}

/** `/users` itself: the users spec with index look-ups (not for other user lists such as members). */
export const usersListSpec: CollectionSpec = { ...usersSpec, candidates: userCandidates };
