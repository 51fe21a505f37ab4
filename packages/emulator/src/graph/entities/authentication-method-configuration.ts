/**
 * The authentication methods policy's method configurations (`/policies/authenticationMethodsPolicy/
 * authenticationMethodConfigurations/{id}`): one fixed record per method, by the ids and types of
 * Graph's reference ("Get authenticationMethodsPolicy" example). A tenant starts with Graph's
 * defaults; a PATCH stores the changed record.
 */
import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import type { TenantState } from "../../store/store.ts";
import { blank } from "./shape.ts";

/** Method id → its concrete CSDL type (short name). */
export const METHOD_TYPES: Readonly<Record<string, string>> = {
  Fido2: "fido2AuthenticationMethodConfiguration",
  MicrosoftAuthenticator: "microsoftAuthenticatorAuthenticationMethodConfiguration",
  Sms: "smsAuthenticationMethodConfiguration",
  TemporaryAccessPass: "temporaryAccessPassAuthenticationMethodConfiguration",
  SoftwareOath: "softwareOathAuthenticationMethodConfiguration",
  Voice: "voiceAuthenticationMethodConfiguration",
  Email: "emailAuthenticationMethodConfiguration",
  X509Certificate: "x509CertificateAuthenticationMethodConfiguration",
};

/**
 * The methods an external tenant starts with enabled: email one-time passcode (sign-up and MFA for
 * customers, "Authentication methods and identity providers for external tenants"); the rest off.
 */
const ENABLED_BY_DEFAULT = new Set(["Email"]);

/** Everyone, as Graph's example targets a method: the `all_users` group. */
const ALL_USERS = { targetType: "group", id: "all_users", isRegistrationRequired: false };

/** The default record of a method, with its `@odata.type` (the collection is polymorphic). */
function defaultConfiguration(id: string, type: string): JsonObject {
  const record: JsonObject = { "@odata.type": `#microsoft.graph.${type}`, ...blank(type), id };
  record.state = ENABLED_BY_DEFAULT.has(id) ? "enabled" : "disabled";
  record.excludeTargets = [];
  if (id === "Email") record.allowExternalIdToUseEmailOtp = "default";
  record.includeTargets =
    id === "Sms" ? [{ ...ALL_USERS, isUsableForSignIn: true }] : id === "Email" ? [] : [ALL_USERS];
  return record;
}

/** The tenant's method configurations in Graph's order: stored ones, else the default. */
export function methodConfigurations(tenant: TenantState): JsonObject[] {
  const stored = tenant.collection(COLLECTIONS.authenticationMethodConfigurations);
  return Object.entries(METHOD_TYPES).map(([id, type]) => stored.get(id) ?? defaultConfiguration(id, type));
}

/** One method configuration by its id (case-insensitive, as Graph's keys are), or undefined. */
export function methodConfiguration(tenant: TenantState, key: string): JsonObject | undefined {
  return methodConfigurations(tenant).find((c) => String(c.id).toLowerCase() === key.toLowerCase());
}
