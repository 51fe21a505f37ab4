/**
 * Default table rows of list commands whose records are nested (a log record's who and what sit in
 * objects a table leaves out): each such operation's row, its columns in order. JSON, YAML and
 * `--query` see the record as the service gave it.
 */

/** A record as one table row: column → cell. */
export type TableView = (item: unknown) => Record<string, string | number | null>;

type Loose = Record<string, unknown> | null | undefined;
const obj = (value: unknown): Loose =>
  value !== null && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
const text = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined;
/** `2026-12-08T02:43:10.1234567Z` → `2026-12-08T02:43:10Z`: the second is enough on a screen. */
const time = (value: unknown): string | null => text(value)?.replace(/\.\d+(?=Z$)/, "") ?? null;

/**
 * A sign-in: who signed in (the user; `(app)` for an app's own sign-in, whose name is under what),
 * to which app, the resource, the outcome.
 */
const signInRow: TableView = (item) => {
  const s = obj(item);
  const code = obj(s?.status)?.errorCode;
  return {
    who: text(s?.userPrincipalName) ?? text(s?.userDisplayName) ?? "(app)",
    what: text(s?.appDisplayName) ?? text(s?.appId) ?? null,
    target: text(s?.resourceDisplayName) ?? null,
    result: typeof code === "number" ? (code === 0 ? "success" : `failure ${code}`) : null,
    time: time(s?.createdDateTime),
  };
};

/** A directory audit record: the initiator (user or app), the activity, its targets, the outcome. */
const directoryAuditRow: TableView = (item) => {
  const a = obj(item);
  const by = obj(a?.initiatedBy);
  const targets = Array.isArray(a?.targetResources) ? a.targetResources.map(obj) : [];
  return {
    who: text(obj(by?.user)?.userPrincipalName) ?? text(obj(by?.app)?.displayName) ?? null,
    what: text(a?.activityDisplayName) ?? null,
    target:
      targets
        .map((t) => text(t?.displayName) ?? text(t?.userPrincipalName) ?? text(t?.id))
        .filter((t) => t !== undefined)
        .join(", ") || null,
    result: text(a?.result) ?? null,
    time: time(a?.activityDateTime),
  };
};

/** The default table row of each operation that has one, by operation name. */
export const TABLE_VIEWS: Readonly<Record<string, TableView>> = {
  audit_log_sign_in_list: signInRow,
  audit_log_directory_list: directoryAuditRow,
};
