import { z } from "zod";

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

/** The `@odata.type` of a kind. */
export const extensionODataType = (kind: ExtensionKind): string => `#microsoft.graph.${kind}CustomExtension`;

/** The kind of an `@odata.type`, if it is one of the v1.0 types. */
export function extensionKindOf(odataType: string | undefined): ExtensionKind | undefined {
  const m = /^#?microsoft\.graph\.(\w+)CustomExtension$/i.exec(odataType ?? "");
  return EXTENSION_KINDS.find((k) => k.toLowerCase() === m?.[1]?.toLowerCase());
}

/** `customAuthenticationExtension` as Graph returns it (CSDL names). */
export interface GraphCustomExtension {
  "@odata.type"?: string;
  id: string;
  displayName?: string | null;
  description?: string | null;
  endpointConfiguration?: { "@odata.type"?: string; targetUrl?: string | null } | null;
  authenticationConfiguration?: { "@odata.type"?: string; resourceId?: string | null } | null;
  clientConfiguration?: { timeoutInMilliseconds?: number | null; maximumRetries?: number | null } | null;
  behaviorOnError?: { "@odata.type"?: string } | null;
  claimsForTokenConfiguration?: { claimIdInApiResponse?: string | null }[] | null;
}

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

/** Flattens Graph's extension. */
export function toCustomExtension(g: GraphCustomExtension): CustomExtension {
  return {
    id: g.id,
    kind: extensionKindOf(g["@odata.type"]) ?? String(g["@odata.type"] ?? "unknown"),
    displayName: g.displayName,
    description: g.description,
    targetUrl: g.endpointConfiguration?.targetUrl,
    resourceId: g.authenticationConfiguration?.resourceId,
    timeoutInMilliseconds: g.clientConfiguration?.timeoutInMilliseconds,
    maximumRetries: g.clientConfiguration?.maximumRetries,
    fallbackToMicrosoftProviderOnError: /fallbackToMicrosoftProviderOnError/i.test(
      g.behaviorOnError?.["@odata.type"] ?? "",
    ),
    claims: (g.claimsForTokenConfiguration ?? [])
      .map((c) => c.claimIdInApiResponse ?? "")
      .filter((c) => c !== ""),
  };
}

/** An HTTPS endpoint URL. */
export const targetUrlSchema = z.url({ protocol: /^https$/ }).describe("The HTTPS endpoint Entra calls.");

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
});
