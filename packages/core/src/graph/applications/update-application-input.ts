/** The input of `app_update` (its own module, so the update logic can name its type). */
import { z } from "zod";
import { displayNameSchema, redirectUriSchema } from "../fields.ts";
import { appNameRefShape, exactlyOneNameRef, exactlyOneNameRefMessage } from "./app-ref.ts";
import {
  appRoleInputSchema,
  entitlementValueSchema,
  identifierUriSchema,
  optionalClaimsSchema,
  scopeInputSchema,
} from "./entitlement-schemas.ts";
import { federatedNameSchema, TOKEN_EXCHANGE_AUDIENCE } from "./federated-credentials.ts";
import { requiredPermissionsSchema } from "./required-permissions.ts";

const uris = z.array(redirectUriSchema).max(256);
/** Public clients may use custom schemes (msal{clientId}://auth). */
const publicUris = z.array(z.url().max(256)).max(256);
const platforms = z.object({ web: uris, spa: uris, publicClient: publicUris }).partial();
const values = z.array(entitlementValueSchema);
const federated = z.object({
  name: federatedNameSchema,
  issuer: z.url().max(600),
  subject: z.string().min(1).max(600),
  audience: z.string().min(1).max(600).optional().describe(`Default ${TOKEN_EXCHANGE_AUDIENCE}.`),
  description: z.string().max(600).optional(),
});
const REF = new Set(["id", "appId", "name"]);

/** `app_update`'s input: the app (id, appId or name) and what to change. */
export const updateApplicationInput = z
  .object({
    ...appNameRefShape,
    displayName: displayNameSchema.optional().describe("New name."),
    signInAudience: z.enum(["AzureADMyOrg", "AzureADMultipleOrgs"]).optional(),
    addRedirectUris: platforms.optional(),
    removeRedirectUris: platforms.optional(),
    isFallbackPublicClient: z.boolean().optional(),
    nativeAuthenticationApisEnabled: z.enum(["none", "all"]).optional(),
    identifierUris: z.array(identifierUriSchema).max(50).optional(),
    scopes: z.array(scopeInputSchema).max(100).optional(),
    removeScopes: values.optional(),
    appRoles: z.array(appRoleInputSchema).max(100).optional(),
    removeAppRoles: values.optional(),
    optionalClaims: optionalClaimsSchema.optional(),
    federatedCredentials: z
      .array(federated)
      .max(20)
      .optional()
      .describe("Added, or changed by name: tokens (CI) accepted instead of a secret."),
    removeFederatedCredentials: z.array(federatedNameSchema).optional(),
    requiredPermissions: requiredPermissionsSchema
      .optional()
      .describe("By resource name (Microsoft Graph) or client id; replaces its entry, {} removes."),
  })
  .refine(exactlyOneNameRef, exactlyOneNameRefMessage)
  .refine((i) => Object.entries(i).some(([k, v]) => !REF.has(k) && v !== undefined), {
    message: "give at least one property to change",
  });

/** What `app_update` changes (its input without the app's address). */
export type ApplicationUpdate = Omit<z.infer<typeof updateApplicationInput>, "id" | "appId" | "name">;
