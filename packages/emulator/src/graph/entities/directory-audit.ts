import type { JsonObject } from "../../store/json.ts";
import type { Caller } from "../route.ts";
import { blank, isoDate } from "./shape.ts";

/** A change to one property of a target, as audit logs report it (values as JSON text). */
export interface ModifiedProperty {
  displayName: string;
  oldValue: unknown;
  newValue: unknown;
}

/** A directory object a change touched. */
export interface AuditTarget {
  id: string;
  displayName: string | null;
  /** `User`, `Group`, `Application`, `ServicePrincipal`, `Organization`, … */
  type: string;
  userPrincipalName?: string | null;
  modifiedProperties?: readonly ModifiedProperty[];
}

/** What a route reports about one directory change. */
export interface DirectoryAuditInput {
  /** e.g. `Add user`, `Update application`, `Add member to group`. */
  activityDisplayName: string;
  /** `UserManagement`, `GroupManagement`, `ApplicationManagement`, `RoleManagement`, `DirectoryManagement`. */
  category: string;
  /** `Add`, `Update`, `Delete`, `Assign`, `Unassign`. */
  operationType: string;
  targets: readonly AuditTarget[];
  result?: "success" | "failure";
  resultReason?: string;
  correlationId?: string | null;
  additionalDetails?: readonly { key: string; value: string }[];
}

// Audit logs carry old and new values as JSON text (e.g. `["Ana"]`); secrets never reach them because
// routes only pass property names and non-secret values.
const asAuditText = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

/** A `directoryAudit` record for a change made by `caller` (Core Directory, as Entra logs it). */
export function newDirectoryAudit(
  caller: Caller,
  input: DirectoryAuditInput,
  now: Date,
  id: string,
): JsonObject {
  const initiatedBy: JsonObject = { app: null, user: null };
  if (caller.kind === "delegated" && caller.userId !== null) {
    initiatedBy.user = {
      ...blank("userIdentity"),
      id: caller.userId,
      userPrincipalName: caller.userPrincipalName,
      displayName: null,
    };
  } else {
    initiatedBy.app = {
      appId: caller.appId,
      displayName: caller.appDisplayName,
      servicePrincipalId: caller.servicePrincipalId,
      servicePrincipalName: caller.appDisplayName,
    };
  }
  return {
    id: `Directory_${id}`,
    activityDateTime: isoDate(now),
    activityDisplayName: input.activityDisplayName,
    additionalDetails: (input.additionalDetails ?? []).map((d) => ({ key: d.key, value: d.value })),
    category: input.category,
    correlationId: input.correlationId ?? null,
    initiatedBy,
    loggedByService: "Core Directory",
    operationType: input.operationType,
    result: input.result ?? "success",
    resultReason: input.resultReason ?? "",
    targetResources: input.targets.map((t) => ({
      displayName: t.displayName,
      groupType: null,
      id: t.id,
      modifiedProperties: (t.modifiedProperties ?? []).map((m) => ({
        displayName: m.displayName,
        oldValue: asAuditText(m.oldValue),
        newValue: asAuditText(m.newValue),
      })),
      type: t.type,
      userPrincipalName: t.userPrincipalName ?? null,
    })),
  };
}
