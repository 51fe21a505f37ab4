import { z } from "zod";

// The call External ID sends to an onPasswordSubmit custom extension (Microsoft Learn, "Migrating
// users to Microsoft Entra External ID using Just-In-Time (JIT) Migration"; /work/notes/jit-protocol.md).
// Objects are loose: Microsoft adds fields to the authentication context without notice. A user's
// unset properties come as null, as Graph writes them.

const servicePrincipalSchema = z.looseObject({
  id: z.string().nullish(),
  appId: z.string().nullish(),
  appDisplayName: z.string().nullish(),
  displayName: z.string().nullish(),
});

/** The user signing in, as the authentication context describes them. */
export const passwordSubmitUserSchema = z.looseObject({
  id: z.string().min(1),
  displayName: z.string().nullish(),
  givenName: z.string().nullish(),
  surname: z.string().nullish(),
  mail: z.string().nullish(),
  userPrincipalName: z.string().nullish(),
  userType: z.string().nullish(),
  createdDateTime: z.string().nullish(),
  preferredLanguage: z.string().nullish(),
});

/** The user signing in, as the authentication context describes them. */
export type PasswordSubmitUser = z.infer<typeof passwordSubmitUserSchema>;

/** What the caller says about the sign-in (correlation id, client, applications, user). */
export const authenticationContextSchema = z.looseObject({
  correlationId: z.string().nullish(),
  client: z.looseObject({ ip: z.string().nullish(), locale: z.string().nullish() }).optional(),
  protocol: z.string().nullish(),
  clientServicePrincipal: servicePrincipalSchema.optional(),
  resourceServicePrincipal: servicePrincipalSchema.optional(),
  user: passwordSubmitUserSchema,
});

/** What the caller says about the sign-in (correlation id, client, applications, user). */
export type AuthenticationContext = z.infer<typeof authenticationContextSchema>;

/** The request body of a passwordSubmit call. */
export const passwordSubmitRequestSchema = z.looseObject({
  type: z.literal("microsoft.graph.authenticationEvent.passwordSubmit"),
  source: z.string().nullish(),
  data: z.looseObject({
    "@odata.type": z.literal("microsoft.graph.onPasswordSubmitCalloutData"),
    tenantId: z.string().nullish(),
    authenticationEventListenerId: z.string().nullish(),
    customAuthenticationExtensionId: z.string().nullish(),
    // Five base64url parts: header, encrypted key, IV, ciphertext, tag.
    encryptedPasswordContext: z.string().regex(/^[\w-]+\.[\w-]*\.[\w-]*\.[\w-]+\.[\w-]*$/),
    authenticationContext: authenticationContextSchema,
  }),
});

/** The request body of a passwordSubmit call. */
export type PasswordSubmitRequest = z.infer<typeof passwordSubmitRequestSchema>;
