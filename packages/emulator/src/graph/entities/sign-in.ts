import type { JsonObject } from "../../store/json.ts";
import { blank, isoDate } from "./shape.ts";

/** What the token service reports about one sign-in (token issued or refused). */
export interface SignInInput {
  appId: string;
  appDisplayName: string | null;
  /** The signed-in user (delegated); for an app-only token, Graph reports the service principal instead. */
  userId?: string | null;
  userDisplayName?: string | null;
  userPrincipalName?: string | null;
  servicePrincipalId?: string | null;
  ipAddress?: string | null;
  clientAppUsed?: string | null;
  isInteractive?: boolean;
  resourceDisplayName?: string | null;
  resourceId?: string | null;
  tenantId: string;
  correlationId?: string | null;
  /** 0 for success, else the AADSTS error number. */
  errorCode?: number;
  failureReason?: string | null;
  userAgent?: string | null;
}

/**
 * A `signIn` record (api-surface 8.2) in its full CSDL shape, for the token service to write when it
 * issues a token or refuses one.
 */
export function newSignIn(input: SignInInput, now: Date, id: string): JsonObject {
  const s = blank("signIn");
  s.id = id;
  s.createdDateTime = isoDate(now);
  s.appId = input.appId;
  s.appDisplayName = input.appDisplayName;
  // userId is non-nullable in the CSDL: app-only sign-ins carry an empty string, as Graph's do.
  s.userId = input.userId ?? "";
  s.userDisplayName = input.userDisplayName ?? null;
  s.userPrincipalName = input.userPrincipalName ?? null;
  s.servicePrincipalId = input.servicePrincipalId ?? null;
  s.ipAddress = input.ipAddress ?? "127.0.0.1";
  s.clientAppUsed = input.clientAppUsed ?? null;
  s.isInteractive = input.isInteractive ?? false;
  s.resourceDisplayName = input.resourceDisplayName ?? "Microsoft Graph";
  s.resourceId = input.resourceId ?? "00000003-0000-0000-c000-000000000000";
  s.resourceTenantId = input.tenantId;
  s.homeTenantId = input.tenantId;
  s.correlationId = input.correlationId ?? null;
  s.conditionalAccessStatus = "notApplied";
  s.riskDetail = "none";
  s.riskLevelAggregated = "none";
  s.riskLevelDuringSignIn = "none";
  s.riskState = "none";
  s.userAgent = input.userAgent ?? null;
  s.status = {
    errorCode: input.errorCode ?? 0,
    failureReason: input.failureReason ?? null,
    additionalDetails: null,
  };
  s.deviceDetail = blank("deviceDetail");
  s.location = { ...blank("signInLocation"), geoCoordinates: blank("geoCoordinates") };
  return s;
}
