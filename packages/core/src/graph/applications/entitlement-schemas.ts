/**
 * Input schemas of what an application exposes (delegated scopes, app roles), its optional claims and
 * identifier URIs: shared by `app_update` and the applications kind of tenant as code.
 */
import { z } from "zod";

/** A scope's or app role's value as Graph accepts it: no spaces, not starting with a dot. */
export const entitlementValueSchema = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[^.\s]\S*$/, "no spaces, and not starting with '.'");

/** A delegated scope the app exposes, matched by value: new ones get an id, given fields change. */
export const scopeInputSchema = z.object({
  value: entitlementValueSchema,
  displayName: z.string().min(1).max(256).optional(),
  description: z.string().min(1).max(1024).optional(),
  userConsent: z.boolean().optional().describe("Default admins only."),
  enabled: z.boolean().optional(),
});

/** An app role, matched by value. */
export const appRoleInputSchema = z.object({
  value: entitlementValueSchema,
  displayName: z.string().min(1).max(256).optional(),
  description: z.string().min(1).max(1024).optional(),
  members: z
    .array(z.enum(["User", "Application"]))
    .min(1)
    .optional()
    .describe("Default User."),
  enabled: z.boolean().optional(),
});

const claims = z.array(z.string().min(1).max(256));

/** `optionalClaims` by token type, claim names (email, groups); a given type's list replaces the stored one. */
export const optionalClaimsSchema = z
  .object({ idToken: claims, accessToken: claims, saml2Token: claims })
  .partial();

/** An identifier URI (`api://…`, an https URL on a verified domain). */
export const identifierUriSchema = z.url().max(255);

export type ScopeInput = z.infer<typeof scopeInputSchema>;
export type AppRoleInput = z.infer<typeof appRoleInputSchema>;
export type OptionalClaimsInput = z.infer<typeof optionalClaimsSchema>;
