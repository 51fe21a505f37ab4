import { randomUUID } from "node:crypto";
import { newSignIn } from "../graph/entities/sign-in.ts";
import type { TenantState } from "../store/store.ts";
import { ARM_AUDIENCE } from "./access-token.ts";

/** What happened at one sign-in, for an `auditLogs/signIns` record. */
export interface SignInEvent {
  appId: string;
  appDisplayName: string | null;
  servicePrincipalId: string | null;
  /** The `aud` asked for (Graph or ARM). */
  resource: string;
  correlationId: string;
  user?: { id: string; displayName: string | null; userPrincipalName: string } | undefined;
  /** A user's own sign-in (device code) rather than a silent one (refresh token); default: there is a user. */
  interactive?: boolean;
  /** 0 for success, else the AADSTS code. */
  errorCode: number;
  failureReason?: string;
  ipAddress: string;
  userAgent: string | null;
}

/**
 * Writes a `signIn` entity for a token issuance or refusal, as Entra logs service-principal and
 * user sign-ins (the device code sign-in is the user's interactive one).
 */
export function recordSignIn(tenant: TenantState, event: SignInEvent, now: Date): void {
  const arm = event.resource.startsWith(ARM_AUDIENCE.replace(/\/$/, ""));
  const id = randomUUID();
  const record = newSignIn(
    {
      appId: event.appId,
      appDisplayName: event.appDisplayName,
      tenantId: tenant.info.id,
      userId: event.user?.id ?? null,
      userDisplayName: event.user?.displayName ?? null,
      userPrincipalName: event.user?.userPrincipalName ?? null,
      servicePrincipalId: event.user === undefined ? event.servicePrincipalId : null,
      ipAddress: event.ipAddress,
      clientAppUsed: event.user === undefined ? null : "Mobile Apps and Desktop clients",
      isInteractive: event.interactive ?? event.user !== undefined,
      resourceDisplayName: arm ? "Windows Azure Service Management API" : "Microsoft Graph",
      resourceId: arm ? "797f4846-ba00-4fd7-ba43-dac1f8f63013" : "00000003-0000-0000-c000-000000000000",
      correlationId: event.correlationId,
      errorCode: event.errorCode,
      failureReason: event.errorCode === 0 ? null : (event.failureReason ?? null),
      userAgent: event.userAgent,
    },
    now,
    id,
  );
  tenant.collection("signIns").put(id, record);
}
