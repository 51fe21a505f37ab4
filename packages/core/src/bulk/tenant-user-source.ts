/**
 * A row source that streams another tenant's users (an Azure AD B2C tenant being migrated) instead of
 * reading a file: paged Graph reads selecting only what a migration copies (names, mail, the sign-in
 * identities and the given extension attributes), so memory stays flat whatever the tenant's size.
 */
import { paginate } from "../http/paginate.ts";
import type { ServiceClient } from "../http/service-client.ts";

/** A sign-in identity as Graph lists it. */
export interface SourceIdentity {
  signInType?: string | null;
  issuer?: string | null;
  issuerAssignedId?: string | null;
}

/** A user as read from the source tenant: the selected properties, extension attributes included. */
export interface SourceUser {
  id: string;
  displayName?: string | null;
  givenName?: string | null;
  surname?: string | null;
  mail?: string | null;
  accountEnabled?: boolean | null;
  identities?: SourceIdentity[] | null;
  [property: string]: unknown;
}

/** The user properties every migration reads (extension attributes are added by name). */
export const SOURCE_USER_SELECT = [
  "id",
  "displayName",
  "givenName",
  "surname",
  "mail",
  "accountEnabled",
  "identities",
] as const;

/** Users per page read from the source (Graph's largest page of users). */
export const SOURCE_PAGE_SIZE = 999;

/** The source tenant's users, page by page, with `extensions` (user property names) selected too. */
export function tenantUsers(
  graph: ServiceClient,
  extensions: readonly string[],
  signal?: AbortSignal,
): AsyncGenerator<SourceUser> {
  return paginate<SourceUser>(graph, "/users", {
    query: { $select: [...SOURCE_USER_SELECT, ...extensions].join(","), $top: SOURCE_PAGE_SIZE },
    signal,
  });
}
