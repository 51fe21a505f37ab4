/** The audit logs resource client: directory audits and sign-ins. */
import { and, eq, ge, le, type ODataFilter } from "../../http/odata.ts";
import type { ListResult } from "../../http/paginate.ts";
import { listPage } from "../../http/paginate.ts";
import type { ServiceClient } from "../../http/service-client.ts";

/** Paging of a log list. */
export interface LogPaging {
  limit: number;
  cursor?: string | undefined;
  signal?: AbortSignal | undefined;
}

function filterText(filter: ODataFilter | undefined): string | undefined {
  return filter === undefined ? undefined : String(filter);
}

function maybeAnd(parts: (ODataFilter | undefined)[]): ODataFilter | undefined {
  return parts.some((p) => p !== undefined) ? and(...parts) : undefined;
}

/** Directory audit records, newest first by Graph's default ordering. */
export function listDirectoryAudits<T>(
  graph: ServiceClient,
  filters: {
    since?: Date | undefined;
    until?: Date | undefined;
    category?: string | undefined;
    loggedByService?: string | undefined;
    activity?: string | undefined;
  },
  paging: LogPaging,
): Promise<ListResult<T>> {
  const filter = maybeAnd([
    filters.since === undefined ? undefined : ge("activityDateTime", filters.since),
    filters.until === undefined ? undefined : le("activityDateTime", filters.until),
    filters.category === undefined ? undefined : eq("category", filters.category),
    filters.loggedByService === undefined ? undefined : eq("loggedByService", filters.loggedByService),
    filters.activity === undefined ? undefined : eq("activityDisplayName", filters.activity),
  ]);
  return listPage<T>(graph, "/auditLogs/directoryAudits", {
    query: { $filter: filterText(filter), $top: Math.min(paging.limit, 999) },
    ...paging,
  });
}

/** Sign-in records (interactive), newest first. */
export function listSignIns<T>(
  graph: ServiceClient,
  filters: {
    since?: Date | undefined;
    until?: Date | undefined;
    userId?: string | undefined;
    appId?: string | undefined;
    userPrincipalName?: string | undefined;
  },
  paging: LogPaging,
): Promise<ListResult<T>> {
  const filter = maybeAnd([
    filters.since === undefined ? undefined : ge("createdDateTime", filters.since),
    filters.until === undefined ? undefined : le("createdDateTime", filters.until),
    filters.userId === undefined ? undefined : eq("userId", filters.userId),
    filters.appId === undefined ? undefined : eq("appId", filters.appId),
    filters.userPrincipalName === undefined ? undefined : eq("userPrincipalName", filters.userPrincipalName),
  ]);
  return listPage<T>(graph, "/auditLogs/signIns", {
    query: { $filter: filterText(filter), $top: Math.min(paging.limit, 1000) },
    ...paging,
  });
}
