/** The audit logs resource client: directory audits and sign-ins. */
import { and, any, eq, ge, le, ne, type ODataFilter } from "../../http/odata.ts";
import type { ListResult } from "../../http/paginate.ts";
import { listPage } from "../../http/paginate.ts";
import type { ServiceClient } from "../../http/service-client.ts";

/** Paging of a log list. */
export interface LogPaging {
  limit: number;
  cursor?: string | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * The `$filter` of a log list: a time window on `timeField` and equality on the given fields (the
 * filter's name → the record's property), `and`-ed; absent when nothing is asked.
 */
function logFilter(
  timeField: string,
  filters: { since?: Date | undefined; until?: Date | undefined } & Record<
    string,
    string | number | Date | undefined
  >,
  properties: Record<string, string>,
  more: readonly (ODataFilter | undefined)[] = [],
): string | undefined {
  const parts: ODataFilter[] = more.filter((p) => p !== undefined);
  if (filters.since !== undefined) parts.push(ge(timeField, filters.since));
  if (filters.until !== undefined) parts.push(le(timeField, filters.until));
  for (const [name, property] of Object.entries(properties)) {
    const value = filters[name];
    if (typeof value === "string") parts.push(eq(property, value));
  }
  return parts.length === 0 ? undefined : String(and(...parts));
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
    /** A user's UPN (it has an `@`) or an application's display name. */
    initiatedBy?: string | undefined;
    /** The display name of one of the records' target resources. */
    target?: string | undefined;
  },
  paging: LogPaging,
): Promise<ListResult<T>> {
  const { initiatedBy, target } = filters;
  const $filter = logFilter(
    "activityDateTime",
    filters,
    { category: "category", loggedByService: "loggedByService", activity: "activityDisplayName" },
    [
      initiatedBy === undefined
        ? undefined
        : initiatedBy.includes("@")
          ? eq("initiatedBy/user/userPrincipalName", initiatedBy)
          : eq("initiatedBy/app/displayName", initiatedBy),
      target === undefined ? undefined : any("targetResources", "t", (t) => eq(t("displayName"), target)),
    ],
  );
  return listPage<T>(graph, "/auditLogs/directoryAudits", {
    query: { $filter, $top: Math.min(paging.limit, 999) },
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
    /** The application's display name. */
    app?: string | undefined;
    /** `failure`: any error code but 0 (as Microsoft's reference filters failed sign-ins). */
    status?: "success" | "failure" | undefined;
    errorCode?: number | undefined;
  },
  paging: LogPaging,
): Promise<ListResult<T>> {
  const { status, errorCode } = filters;
  const $filter = logFilter(
    "createdDateTime",
    filters,
    { userId: "userId", appId: "appId", userPrincipalName: "userPrincipalName", app: "appDisplayName" },
    [
      errorCode !== undefined
        ? eq("status/errorCode", errorCode)
        : status === undefined
          ? undefined
          : (status === "success" ? eq : ne)("status/errorCode", 0),
    ],
  );
  return listPage<T>(graph, "/auditLogs/signIns", {
    query: { $filter, $top: Math.min(paging.limit, 1000) },
    ...paging,
  });
}
