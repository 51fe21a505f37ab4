import { passwordPolicyProblem } from "@ciamkit/entra-policy";
import type { JsonObject } from "../../store/json.ts";
import type { TenantInfo } from "../../store/store.ts";
import { GraphError } from "../route.ts";
import { invalidValue } from "./common.ts";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Graph's message for a password that fails Entra's complexity rule. */
export const PASSWORD_COMPLEXITY_MESSAGE =
  "The specified password does not comply with password complexity requirements. Please provide a different password.";

/**
 * Entra's published password policy (`@ciamkit/entra-policy`: allowed characters, 8–256, three of
 * four kinds unless `DisableStrongPassword`), or Graph's 400.
 */
export function checkPassword(password: string, policies: string | null): void {
  const strong = !(policies ?? "").split(",").some((p) => p.trim() === "DisableStrongPassword");
  if (passwordPolicyProblem(password, strong) !== undefined) {
    throw new GraphError(400, "Request_BadRequest", PASSWORD_COMPLEXITY_MESSAGE);
  }
}

/** Checks `identities` against api-surface 6.3 (sign-in types and their issuerAssignedId formats). */
export function checkIdentities(identities: readonly JsonObject[], tenant: TenantInfo): void {
  if (identities.length > 10) throw invalidValue("identities", "User");
  for (const i of identities) {
    const type = i.signInType;
    const issuer = i.issuer;
    const id = i.issuerAssignedId;
    if (
      typeof type !== "string" ||
      typeof issuer !== "string" ||
      typeof id !== "string" ||
      issuer.length > 512
    ) {
      throw invalidValue("identities", "User");
    }
    if (type.startsWith("emailAddress") && !EMAIL.test(id)) throw invalidValue("identities", "User");
    if (type === "userName" && !USER_NAME.test(id)) throw invalidValue("identities", "User");
    // Local accounts are issued by the tenant itself: their issuer is the tenant's domain.
    const local = type.startsWith("emailAddress") || type === "userName";
    if (local && issuer.toLowerCase() !== tenant.defaultDomain.toLowerCase())
      throw invalidValue("identities", "User");
  }
}

/** A UPN's domain must be one of the tenant's verified domains. */
export function checkUpn(upn: string, tenant: TenantInfo): void {
  const at = upn.lastIndexOf("@");
  if (at < 1 || /\s/.test(upn)) throw invalidValue("userPrincipalName", "User");
  if (upn.slice(at + 1).toLowerCase() !== tenant.defaultDomain.toLowerCase()) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      "The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.",
      [
        {
          code: "InvalidValue",
          message: "The domain portion of the userPrincipalName property is invalid.",
          target: "userPrincipalName",
        },
      ],
    );
  }
}
