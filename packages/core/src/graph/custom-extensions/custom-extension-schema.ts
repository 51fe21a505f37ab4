import { z } from "zod";
import { appIdSchema, descriptionSchema, displayNameSchema, httpsUrlSchema } from "../fields.ts";

/** The custom authentication extension types of Graph v1.0, by the event they handle (without `CustomExtension`). */
export const EXTENSION_KINDS = [
  "onTokenIssuanceStart",
  "onAttributeCollectionStart",
  "onAttributeCollectionSubmit",
  "onOtpSend",
  "onVerifiedIdClaimValidation",
  // v1.0 schema type for password migration; no listener binds it here (see event-listener-schema.ts).
  "onPasswordSubmit",
] as const;

/** Which event an extension handles. */
export const extensionKindSchema = z
  .enum(EXTENSION_KINDS)
  .describe("The event (onOtpSend: you send one-time codes).");

/** An extension kind. */
export type ExtensionKind = z.infer<typeof extensionKindSchema>;

/** A custom authentication extension as ciamkit returns it: the Graph object flattened. */
export const customExtensionSchema = z.object({
  id: z.string(),
  kind: z.string().describe("The event it handles (see extensionKind), or the Graph type when unknown."),
  displayName: z.string().nullish(),
  description: z.string().nullish(),
  targetUrl: z.string().nullish().describe("The HTTPS endpoint Entra calls."),
  resourceId: z.string().nullish().describe("api://{host}/{appId} of the app that protects the endpoint."),
  timeoutInMilliseconds: z.number().int().nullish(),
  maximumRetries: z.number().int().nullish(),
  fallbackToMicrosoftProviderOnError: z
    .boolean()
    .describe("On error, continue with Microsoft's default behaviour."),
  claims: z.array(z.string()).describe("Claims the API returns (token issuance only)."),
});

/** A custom extension as ciamkit returns it. */
export type CustomExtension = z.infer<typeof customExtensionSchema>;

/** An HTTPS endpoint URL. */
export const targetUrlSchema = httpsUrlSchema.describe("The HTTPS endpoint Entra calls.");

/** `api://{fqdn}/{appId}` (Graph's required resourceId format). */
export const resourceIdSchema = z
  .string()
  .regex(/^api:\/\/[^/\s]+\/[0-9a-fA-F-]{36}$/, "api://{host of the targetUrl}/{appId}")
  .describe("api://{targetUrl host}/{appId} of the protecting app.");

/** The result of validateAuthenticationConfiguration. */
export const validationSchema = z.object({
  valid: z.boolean().describe("True when there are no errors (warnings may remain)."),
  errors: z.array(z.object({ code: z.string(), message: z.string() })),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
  fixes: z.array(z.string()).describe("What to do about the findings."),
});

/** Writable fields shared by create, update and wire. */
export const extensionFieldsShape = {
  displayName: displayNameSchema.optional(),
  description: descriptionSchema.nullable().optional(),
  targetUrl: targetUrlSchema.optional(),
  resourceId: resourceIdSchema.optional(),
  appId: appIdSchema.optional().describe("Or the protecting app's appId."),
  timeoutInMilliseconds: z.number().int().min(200).max(2000).optional().describe("How long Entra waits."),
  maximumRetries: z.number().int().min(0).max(1).optional().describe("After a failure."),
  fallbackToMicrosoftProviderOnError: z.boolean().optional(),
  claims: z.array(z.string().min(1).max(256)).max(50).optional().describe("onTokenIssuanceStart only."),
};
