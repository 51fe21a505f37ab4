import { z } from "zod";

/** `passwordCredential` (Graph CSDL) without its secret. */
export const passwordCredentialSchema = z.object({
  keyId: z.string().nullish(),
  displayName: z.string().nullish(),
  hint: z.string().nullish().describe("The first characters of the secret."),
  startDateTime: z.string().nullish(),
  endDateTime: z.string().nullish(),
});

/** `keyCredential` (Graph CSDL) without the key bytes. */
export const keyCredentialSchema = z.object({
  keyId: z.string().nullish(),
  displayName: z.string().nullish(),
  type: z.string().nullish(),
  usage: z.string().nullish(),
  startDateTime: z.string().nullish(),
  endDateTime: z.string().nullish(),
});

/** `requiredResourceAccess` (Graph CSDL). */
export const requiredResourceAccessSchema = z.object({
  resourceAppId: z.string(),
  resourceAccess: z.array(z.object({ id: z.string(), type: z.string() })),
});

/** `permissionScope` (Graph CSDL): a delegated scope the app exposes. */
export const permissionScopeSchema = z.object({
  id: z.string(),
  value: z.string().nullish(),
  isEnabled: z.boolean().nullish(),
  type: z.string().nullish(),
  adminConsentDisplayName: z.string().nullish(),
  adminConsentDescription: z.string().nullish(),
});

/** `appRole` (Graph CSDL) as the app defines it. */
export const definedAppRoleSchema = z.object({
  id: z.string(),
  value: z.string().nullish(),
  isEnabled: z.boolean().nullish(),
  displayName: z.string().nullish(),
  description: z.string().nullish(),
  allowedMemberTypes: z.array(z.string()).nullish(),
});

const claims = z.array(z.string()).nullish();

/** `optionalClaims` (Graph CSDL), by claim name. */
export const optionalClaimsOutputSchema = z.object({
  idToken: claims,
  accessToken: claims,
  saml2Token: claims,
});

/** `federatedIdentityCredential` (Graph CSDL) as app_get lists it. */
export const federatedSummarySchema = z.object({
  name: z.string(),
  issuer: z.string(),
  subject: z.string().nullish(),
  audiences: z.array(z.string()),
});

const redirectUris = z.object({ redirectUris: z.array(z.string()).nullish() }).nullish();

/** The `application` properties ciamkit returns (Graph CSDL names). */
export const applicationSchema = z.object({
  id: z.string().describe("Object id."),
  appId: z.string().nullish().describe("Application (client) id."),
  displayName: z.string().nullish(),
  signInAudience: z.string().nullish(),
  createdDateTime: z.string().nullish(),
  identifierUris: z.array(z.string()).nullish(),
  passwordCredentials: z.array(passwordCredentialSchema).nullish(),
  keyCredentials: z.array(keyCredentialSchema).nullish(),
  requiredResourceAccess: z.array(requiredResourceAccessSchema).nullish(),
  web: redirectUris,
  spa: redirectUris,
  publicClient: redirectUris,
  isFallbackPublicClient: z.boolean().nullish(),
  nativeAuthenticationApisEnabled: z.string().nullish(),
  api: z.object({ oauth2PermissionScopes: z.array(permissionScopeSchema).nullish() }).nullish(),
  appRoles: z.array(definedAppRoleSchema).nullish(),
  optionalClaims: optionalClaimsOutputSchema.nullish(),
  federatedIdentityCredentials: z.array(federatedSummarySchema).nullish(),
});

/** A Graph application as ciamkit returns it. */
export type Application = z.infer<typeof applicationSchema>;
