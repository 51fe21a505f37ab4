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
  userConsent: z.boolean().optional().describe("Users may consent; default admins only."),
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
    .describe("Who it is assigned to; default User."),
  enabled: z.boolean().optional(),
});

const claim = z.object({
  name: z.string().min(1).max(256),
  essential: z.boolean().optional(),
  additionalProperties: z.array(z.string().min(1)).optional(),
});

/** `optionalClaims` by token type; a given type's list replaces the stored one. */
export const optionalClaimsSchema = z
  .object({ idToken: z.array(claim), accessToken: z.array(claim), saml2Token: z.array(claim) })
  .partial();

/** An identifier URI (`api://…`, an https URL on a verified domain). */
export const identifierUriSchema = z.url().max(255);

export type ScopeInput = z.infer<typeof scopeInputSchema>;
export type AppRoleInput = z.infer<typeof appRoleInputSchema>;
export type OptionalClaimsInput = z.infer<typeof optionalClaimsSchema>;
