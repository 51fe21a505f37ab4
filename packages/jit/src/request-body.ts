import { z } from "zod";

// The call External ID sends to an onPasswordSubmit custom extension (Microsoft Learn, "Migrating
// users to Microsoft Entra External ID using Just-In-Time (JIT) Migration"; /work/notes/jit-protocol.md).
// Objects are loose: Microsoft adds fields to the authentication context without notice.

const servicePrincipalSchema = z.looseObject({
  id: z.string().optional(),
  appId: z.string().optional(),
  appDisplayName: z.string().optional(),
  displayName: z.string().optional(),
});

/** The user signing in, as the authentication context describes them. */
export const passwordSubmitUserSchema = z.looseObject({
  id: z.string().min(1),
  displayName: z.string().optional(),
  givenName: z.string().optional(),
  surname: z.string().optional(),
  mail: z.string().optional(),
  userPrincipalName: z.string().optional(),
  userType: z.string().optional(),
  createdDateTime: z.string().optional(),
  preferredLanguage: z.string().optional(),
});

/** The user signing in, as the authentication context describes them. */
export type PasswordSubmitUser = z.infer<typeof passwordSubmitUserSchema>;

/** What the caller says about the sign-in (correlation id, client, applications, user). */
export const authenticationContextSchema = z.looseObject({
  correlationId: z.string().optional(),
  client: z.looseObject({ ip: z.string().optional(), locale: z.string().optional() }).optional(),
  protocol: z.string().optional(),
  clientServicePrincipal: servicePrincipalSchema.optional(),
  resourceServicePrincipal: servicePrincipalSchema.optional(),
  user: passwordSubmitUserSchema,
});

/** What the caller says about the sign-in (correlation id, client, applications, user). */
export type AuthenticationContext = z.infer<typeof authenticationContextSchema>;

/** The request body of a passwordSubmit call. */
export const passwordSubmitRequestSchema = z.looseObject({
  type: z.literal("microsoft.graph.authenticationEvent.passwordSubmit"),
  source: z.string().optional(),
  data: z.looseObject({
    "@odata.type": z.literal("microsoft.graph.onPasswordSubmitCalloutData"),
    tenantId: z.string().optional(),
    authenticationEventListenerId: z.string().optional(),
    customAuthenticationExtensionId: z.string().optional(),
    // Five base64url parts: header, encrypted key, IV, ciphertext, tag.
    encryptedPasswordContext: z.string().regex(/^[\w-]+\.[\w-]*\.[\w-]*\.[\w-]+\.[\w-]*$/),
    authenticationContext: authenticationContextSchema,
  }),
});

/** The request body of a passwordSubmit call. */
export type PasswordSubmitRequest = z.infer<typeof passwordSubmitRequestSchema>;
