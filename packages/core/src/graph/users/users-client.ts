/** The users resource client: the Graph calls behind the user operations. */
import { and, any, eq, ge, type ODataFilter, startsWith } from "../../http/odata.ts";
import type { ListResult } from "../../http/paginate.ts";
import { listPage } from "../../http/paginate.ts";
import type { RequestOptions, ServiceClient } from "../../http/service-client.ts";
import { segment, selectQuery, withoutODataContext } from "../common.ts";
import type { User } from "./user-schema.ts";

/** Filters of {@link listUsers}; all optional, combined with `and`. */
export interface UserFilters {
  displayNameStartsWith?: string | undefined;
  mail?: string | undefined;
  userType?: string | undefined;
  accountEnabled?: boolean | undefined;
  createdAfter?: Date | undefined;
}

/** Builds the `$filter` for {@link UserFilters}, escaping every value. */
export function userFilter(filters: UserFilters): ODataFilter | undefined {
  const parts = [
    filters.displayNameStartsWith === undefined
      ? undefined
      : startsWith("displayName", filters.displayNameStartsWith),
    filters.mail === undefined ? undefined : eq("mail", filters.mail),
    filters.userType === undefined ? undefined : eq("userType", filters.userType),
    filters.accountEnabled === undefined ? undefined : eq("accountEnabled", filters.accountEnabled),
    filters.createdAfter === undefined ? undefined : ge("createdDateTime", filters.createdAfter),
  ];
  return parts.some((p) => p !== undefined) ? and(...parts) : undefined;
}

type Common = Pick<RequestOptions, "signal" | "requiredPermissions">;

/** One page of users (up to `limit`), with a cursor for the rest. Graph pages hold at most 999 users. */
export function listUsers(
  graph: ServiceClient,
  options: Common & {
    filters?: UserFilters;
    select?: readonly string[] | undefined;
    limit: number;
    cursor?: string | undefined;
    /** The users deleted in the last 30 days instead (`/directory/deletedItems`). */
    deleted?: boolean | undefined;
  },
): Promise<ListResult<User>> {
  const filter = userFilter(options.filters ?? {});
  const path = options.deleted === true ? "/directory/deletedItems/microsoft.graph.user" : "/users";
  return listPage<User>(graph, path, {
    query: {
      $filter: filter === undefined ? undefined : String(filter),
      $select: selectQuery(options.select),
      $top: Math.min(options.limit, 999),
    },
    limit: options.limit,
    cursor: options.cursor,
    signal: options.signal,
    requiredPermissions: options.requiredPermissions,
  });
}

/** A user by object id or userPrincipalName. */
export async function getUser(
  graph: ServiceClient,
  id: string,
  options: Common & { select?: readonly string[] | undefined } = {},
): Promise<User> {
  const user = await graph.get<User>(`/users/${segment(id)}`, {
    ...options,
    query: { $select: selectQuery(options.select) },
  });
  return withoutODataContext(user);
}

/**
 * Users holding a sign-in identity. Graph needs both halves of the lambda
 * (https://learn.microsoft.com/graph/api/user-list#example-5); the issuer is ignored for local
 * accounts but must be present.
 */
export async function findUsersByIdentity(
  graph: ServiceClient,
  issuerAssignedId: string,
  issuer: string,
  options: Common & { select?: readonly string[] | undefined } = {},
): Promise<User[]> {
  const filter = any("identities", "i", (p) =>
    and(eq(p("issuerAssignedId"), issuerAssignedId), eq(p("issuer"), issuer)),
  );
  const body = await graph.get<{ value?: User[] }>("/users", {
    ...options,
    query: { $filter: String(filter), $select: selectQuery(options.select) },
  });
  return body?.value ?? [];
}

/** Creates a user; returns Graph's 201 body. */
export async function createUser(
  graph: ServiceClient,
  body: Record<string, unknown>,
  options: Common = {},
): Promise<User> {
  return withoutODataContext(await graph.post<User>("/users", body, options));
}

/** Updates a user (PATCH, 204). */
export async function updateUser(
  graph: ServiceClient,
  id: string,
  changes: Record<string, unknown>,
  options: Common = {},
): Promise<void> {
  await graph.patch(`/users/${segment(id)}`, changes, options);
}

/** Deletes a user (into deleted items for 30 days). */
export function deleteUser(graph: ServiceClient, id: string, options: Common = {}): Promise<void> {
  return graph.delete(`/users/${segment(id)}`, options);
}

/** Ends the user's sessions: refresh tokens and session cookies issued until now stop working. */
export async function revokeSignInSessions(
  graph: ServiceClient,
  id: string,
  options: Common = {},
): Promise<void> {
  await graph.post(`/users/${segment(id)}/revokeSignInSessions`, undefined, {
    ...options,
    requiredPermissions: ["User.RevokeSessions.All"],
  });
}
