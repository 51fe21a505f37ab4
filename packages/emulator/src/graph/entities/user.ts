import type { JsonObject } from "../../store/json.ts";
import type { TenantInfo } from "../../store/store.ts";
import { type IdSource, randomIds } from "../ids.ts";
import { blank, complexValue, isoDate, writeProperties } from "./shape.ts";

/** Properties Graph computes; a client writing them gets 400. */
export const USER_READ_ONLY = new Set([
  "id",
  "createdDateTime",
  "creationType",
  "deletedDateTime",
  "lastPasswordChangeDateTime",
  "signInActivity",
  "assignedPlans",
  "provisionedPlans",
  "licenseAssignmentStates",
  "securityIdentifier",
  "onPremisesSyncEnabled",
  "externalUserState",
  "externalUserStateChangeDateTime",
]);

/** Sign-in types of local accounts (api-surface 6.3): their users are `creationType: LocalAccount`. */
const LOCAL_SIGN_IN_TYPES = /^(emailAddress.*|userName)$/;

/**
 * A new `user` in its full CSDL shape from a validated create body (without extension attributes,
 * which the route keeps beside the CSDL properties). `passwordProfile.password` is never stored:
 * the route keeps the password hash in `_userPasswords`.
 */
export function newUser(
  tenant: TenantInfo,
  input: JsonObject,
  now: Date,
  ids: IdSource = randomIds,
): JsonObject {
  const id = ids.uuid();
  const { passwordProfile, ...rest } = input;
  const user = writeProperties("user", blank("user"), rest);
  user.id = id;
  user.createdDateTime = isoDate(now);
  user.accountEnabled ??= true;
  user.userType ??= "Member";
  // Graph reports 5 and a zero date for these non-nullable properties on accounts that never set them.
  user.deviceEnrollmentLimit = 5;
  if (user.userPrincipalName === null) user.userPrincipalName = `${id}@${tenant.defaultDomain}`;
  if (user.mailNickname === null) user.mailNickname = id.replace(/-/g, "");
  const identities = user.identities as JsonObject[];
  if (identities.some((i) => LOCAL_SIGN_IN_TYPES.test(String(i.signInType))))
    user.creationType = "LocalAccount";
  // Graph lists the UPN as an identity of every account (signInType userPrincipalName).
  if (!identities.some((i) => i.signInType === "userPrincipalName")) {
    identities.push({
      signInType: "userPrincipalName",
      issuer: tenant.defaultDomain,
      issuerAssignedId: user.userPrincipalName ?? null,
    });
  }
  if (passwordProfile !== undefined && passwordProfile !== null) {
    user.passwordProfile = { ...complexValue("passwordProfile", passwordProfile), password: null };
    user.lastPasswordChangeDateTime = isoDate(now);
  }
  return user;
}
