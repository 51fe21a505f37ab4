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
  web: z.object({ redirectUris: z.array(z.string()).nullish() }).nullish(),
  spa: z.object({ redirectUris: z.array(z.string()).nullish() }).nullish(),
  isFallbackPublicClient: z.boolean().nullish(),
});

/** A Graph application as ciamkit returns it. */
export type Application = z.infer<typeof applicationSchema>;
