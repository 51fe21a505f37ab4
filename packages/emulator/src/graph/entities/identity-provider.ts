import type { JsonObject } from "../../store/json.ts";
import type { TenantKind } from "../../store/store.ts";
import { GraphError } from "../route.ts";
import { blank, complexValue, writeProperties } from "./shape.ts";

/**
 * Identity providers of `/identity/identityProviders` (api-surface 3.2). Built-in providers are
 * constants of the tenant kind, present in every tenant and never stored; configured ones (social,
 * Apple, OIDC) live in the `identityProviders` collection with their `@odata.type`, their secrets
 * only as hashes in `_identityProviderSecrets`.
 */

const NS = "#microsoft.graph.";

/** What Graph answers in place of a write-only secret (`clientSecret`, Apple's `certificateData`). */
export const MASKED_SECRET = "******";

/** The creatable provider types, keyed by the lower-cased `@odata.type` (matched case-insensitively). */
export const CREATABLE_TYPES: Readonly<Record<string, string>> = {
  "#microsoft.graph.socialidentityprovider": "socialIdentityProvider",
  "#microsoft.graph.applemanagedidentityprovider": "appleManagedIdentityProvider",
  "#microsoft.graph.oidcidentityprovider": "oidcIdentityProvider",
};

/** Social `identityProviderType`s an external tenant federates with; Azure AD B2C accepts more. */
const SOCIAL_TYPES: Readonly<Record<TenantKind, readonly string[]>> = {
  external: ["Google", "Facebook"],
  workforce: ["Google", "Facebook"],
  b2c: [
    "Microsoft",
    "Google",
    "Amazon",
    "LinkedIn",
    "Facebook",
    "GitHub",
    "Twitter",
    "Weibo",
    "QQ",
    "WeChat",
  ],
};

/**
 * `availableProviderTypes` per tenant kind: the doc's example is a workforce tenant's; an external
 * tenant offers its local-account methods and the federations it supports.
 */
export const AVAILABLE_PROVIDER_TYPES: Readonly<Record<TenantKind, readonly string[]>> = {
  external: ["EmailPassword", "EmailOTP", "Google", "Facebook", "AppleManaged", "OpenIdConnect"],
  workforce: ["MicrosoftAccount", "EmailOTP", "Facebook", "Google"],
  b2c: [...SOCIAL_TYPES.b2c, "AppleManaged", "OpenIdConnect"],
};

/** Built-in providers by tenant kind (ids and names as responses show them, api-surface 3.2). */
const BUILT_IN: Readonly<Record<TenantKind, readonly [string, string, string][]>> = {
  external: [
    ["EmailPassword-OAUTH", "Email with password", "EmailPassword"],
    ["EmailOtpSignup-OAUTH", "Email one-time passcode", "EmailOTP"],
  ],
  workforce: [
    ["AADSignup-OAUTH", "Azure Active Directory Sign up", "AADSignup"],
    ["EmailOtpSignup-OAUTH", "Email one-time passcode", "EmailOTP"],
    ["MSASignup-OAUTH", "Microsoft Account", "MicrosoftAccount"],
  ],
  b2c: [],
};

/** The tenant's built-in providers as records (with `@odata.type`). */
export function builtInProviders(kind: TenantKind): JsonObject[] {
  return BUILT_IN[kind].map(([id, displayName, identityProviderType]) => ({
    "@odata.type": `${NS}builtInIdentityProvider`,
    id,
    displayName,
    identityProviderType,
    state: null,
  }));
}

/**
 * An identity provider as Graph serves it: `@odata.type` first, write-only secrets masked, and
 * beta-declared `state` of built-ins kept (it appears as null in v1.0 responses too).
 */
export function serveProvider(record: JsonObject): JsonObject {
  const out: JsonObject = { ...record };
  const type = String(record["@odata.type"]);
  if (type.endsWith("socialIdentityProvider")) out.clientSecret = MASKED_SECRET;
  if (type.endsWith("appleManagedIdentityProvider")) out.certificateData = MASKED_SECRET;
  if (type.endsWith("oidcIdentityProvider")) {
    const auth = { ...(record.clientAuthentication as JsonObject) };
    if (String(auth["@odata.type"]).endsWith("oidcClientSecretAuthentication"))
      auth.clientSecret = MASKED_SECRET;
    out.clientAuthentication = auth;
  }
  return out;
}

const required = (body: JsonObject, names: readonly string[], type: string): void => {
  for (const n of names) {
    if (typeof body[n] !== "string" || (body[n] as string).trim() === "") {
      throw new GraphError(400, "Request_BadRequest", `Property '${n}' is required for a ${type}.`);
    }
  }
};

/** The secret a create or update carries, to hash apart from the record. */
export function providerSecret(type: string, body: JsonObject): string | undefined {
  if (type === "socialIdentityProvider" && typeof body.clientSecret === "string") return body.clientSecret;
  if (type === "appleManagedIdentityProvider" && typeof body.certificateData === "string")
    return body.certificateData;
  const auth = body.clientAuthentication;
  if (type === "oidcIdentityProvider" && auth !== null && typeof auth === "object" && !Array.isArray(auth)) {
    const secret = (auth as JsonObject).clientSecret;
    if (typeof secret === "string") return secret;
  }
  return undefined;
}

/**
 * A configured provider from a create body (its `@odata.type` already resolved): checks the fields
 * each type needs and assigns Graph's id, `{Type}-OAUTH` for social providers, `Apple-Managed-OIDC`
 * for Apple, a GUID for OIDC. Secrets are replaced by the mask in the stored record.
 */
export function newProvider(
  kind: TenantKind,
  type: string,
  body: JsonObject,
  uuid: () => string,
): JsonObject {
  const input: JsonObject = Object.fromEntries(
    Object.entries(body).filter(([k]) => !k.startsWith("@odata.")),
  );
  if ("id" in input) throw new GraphError(400, "Request_BadRequest", "Invalid property 'id'.");
  switch (type) {
    case "socialIdentityProvider": {
      required(input, ["displayName", "identityProviderType", "clientId", "clientSecret"], type);
      const social = SOCIAL_TYPES[kind].find(
        (t) => t.toLowerCase() === String(input.identityProviderType).toLowerCase(),
      );
      if (social === undefined) {
        throw new GraphError(
          400,
          "Request_BadRequest",
          `Invalid value '${String(input.identityProviderType)}' for property 'identityProviderType'; this tenant accepts ${SOCIAL_TYPES[kind].join(", ")}.`,
        );
      }
      const record = writeProperties(type, blank(type), { ...input, identityProviderType: social });
      return { "@odata.type": `${NS}${type}`, ...record, id: `${social}-OAUTH`, clientSecret: MASKED_SECRET };
    }
    case "appleManagedIdentityProvider": {
      required(input, ["displayName", "developerId", "serviceId", "keyId", "certificateData"], type);
      const record = writeProperties(type, blank(type), input);
      return {
        "@odata.type": `${NS}${type}`,
        ...record,
        id: "Apple-Managed-OIDC",
        certificateData: MASKED_SECRET,
      };
    }
    case "oidcIdentityProvider": {
      required(input, ["displayName", "clientId", "issuer", "wellKnownEndpoint", "scope"], type);
      const record = writeProperties(type, blank(type), {
        ...input,
        clientAuthentication: {},
        inboundClaimMapping: null,
      });
      if (!/^https:\/\//i.test(String(input.wellKnownEndpoint))) {
        throw new GraphError(400, "Request_BadRequest", "Property 'wellKnownEndpoint' must be an https URL.");
      }
      if (!String(input.scope).split(" ").includes("openid")) {
        throw new GraphError(400, "Request_BadRequest", "Property 'scope' must include 'openid'.");
      }
      record.responseType = oidcResponseType(input.responseType ?? "code");
      record.clientAuthentication = oidcClientAuthentication(input.clientAuthentication);
      record.inboundClaimMapping = complexValue(
        "oidcInboundClaimMappingOverride",
        (input.inboundClaimMapping as JsonObject | undefined) ?? { sub: "sub", name: "name" },
      );
      return { "@odata.type": `${NS}${type}`, ...record, id: uuid() };
    }
    default:
      throw new GraphError(
        400,
        "Request_BadRequest",
        `Identity providers of type '${type}' cannot be created.`,
      );
  }
}

// oidcResponseType is a flags enum: "code", "id_token", "code,id_token", … (OData writes flags comma-separated).
function oidcResponseType(value: unknown): string {
  const parts = typeof value === "string" ? value.split(",").map((p) => p.trim()) : [];
  if (parts.length === 0 || parts.some((p) => !["code", "id_token", "token"].includes(p))) {
    throw new GraphError(400, "Request_BadRequest", "Invalid value for property 'responseType'.");
  }
  return parts.join(",");
}

function oidcClientAuthentication(value: unknown): JsonObject {
  const auth =
    value !== null && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : undefined;
  const type = String(auth?.["@odata.type"] ?? "").toLowerCase();
  if (type === "#microsoft.graph.oidcclientsecretauthentication" && typeof auth?.clientSecret === "string") {
    return { "@odata.type": `${NS}oidcClientSecretAuthentication`, clientSecret: MASKED_SECRET };
  }
  if (type === "#microsoft.graph.oidcprivatejwtkeyclientauthentication") {
    return { "@odata.type": `${NS}oidcPrivateJwtKeyClientAuthentication` };
  }
  throw new GraphError(
    400,
    "Request_BadRequest",
    "Property 'clientAuthentication' needs an '@odata.type' of oidcClientSecretAuthentication (with clientSecret) or oidcPrivateJwtKeyClientAuthentication.",
  );
}

/** Properties an update may change, per type (everything else is fixed once created). */
export const UPDATABLE: Readonly<Record<string, ReadonlySet<string>>> = {
  socialIdentityProvider: new Set(["displayName", "clientId", "clientSecret"]),
  appleManagedIdentityProvider: new Set([
    "displayName",
    "developerId",
    "serviceId",
    "keyId",
    "certificateData",
  ]),
  oidcIdentityProvider: new Set([
    "displayName",
    "clientId",
    "issuer",
    "wellKnownEndpoint",
    "scope",
    "responseType",
    "clientAuthentication",
    "inboundClaimMapping",
  ]),
};

/** Applies an update body to a configured provider (already checked against {@link UPDATABLE}). */
export function updatedProvider(type: string, before: JsonObject, body: JsonObject): JsonObject {
  const after: JsonObject = structuredClone(before);
  for (const [name, value] of Object.entries(body)) {
    if (name.startsWith("@odata.")) continue;
    if (name === "clientSecret" || name === "certificateData") {
      if (typeof value !== "string" || value === "")
        throw new GraphError(400, "Request_BadRequest", `Invalid value for property '${name}'.`);
      continue;
    }
    if (name === "responseType") after.responseType = oidcResponseType(value);
    else if (name === "clientAuthentication") after.clientAuthentication = oidcClientAuthentication(value);
    else if (name === "inboundClaimMapping")
      after.inboundClaimMapping = complexValue("oidcInboundClaimMappingOverride", value ?? {});
    else writeProperties(type, after, { [name]: value });
  }
  return after;
}
