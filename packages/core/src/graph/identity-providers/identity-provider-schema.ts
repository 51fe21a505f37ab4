import { z } from "zod";

/**
 * An identity provider as ciamkit returns it (`identityProviderBase` and its subtypes, api-surface 3.2).
 * Write-only secrets (`clientSecret`, Apple's `certificateData`) are never part of it: Graph answers
 * them as `******` and ciamkit drops them.
 */
export const identityProviderSchema = z.object({
  id: z
    .string()
    .describe("EmailPassword-OAUTH, Google-OAUTH, Apple-Managed-OIDC, or a GUID for OIDC providers."),
  type: z
    .string()
    .describe(
      "builtInIdentityProvider, socialIdentityProvider, appleManagedIdentityProvider, oidcIdentityProvider.",
    ),
  displayName: z.string().nullish(),
  identityProviderType: z
    .string()
    .nullish()
    .describe("EmailPassword, EmailOTP, Google, Facebook, … (built-in and social)."),
  clientId: z.string().nullish(),
  issuer: z.string().nullish(),
  wellKnownEndpoint: z.string().nullish(),
  scope: z.string().nullish(),
  responseType: z.string().nullish(),
  developerId: z.string().nullish(),
  serviceId: z.string().nullish(),
  keyId: z.string().nullish(),
});

/** An identity provider as ciamkit returns it. */
export type IdentityProvider = z.infer<typeof identityProviderSchema>;
