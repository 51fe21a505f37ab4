/** Builds Graph's customAuthenticationExtension body from ciamkit's flat input. */
import { z } from "zod";
import { resourceIdSchema, targetUrlSchema } from "./custom-extension-schema.ts";

/** Writable fields shared by create and update. */
export const extensionFieldsShape = {
  displayName: z.string().trim().min(1).max(256).optional(),
  description: z.string().max(1024).nullable().optional(),
  targetUrl: targetUrlSchema.optional(),
  resourceId: resourceIdSchema.optional(),
  appId: z.uuid().optional().describe("Or the protecting app's appId."),
  timeoutInMilliseconds: z.number().int().min(200).max(2000).optional().describe("How long Entra waits."),
  maximumRetries: z.number().int().min(0).max(1).optional().describe("After a failure."),
  fallbackToMicrosoftProviderOnError: z.boolean().optional(),
  claims: z.array(z.string().min(1).max(256)).max(50).optional().describe("onTokenIssuanceStart only."),
};

type Fields = {
  [K in keyof typeof extensionFieldsShape]?: z.output<(typeof extensionFieldsShape)[K]> | undefined;
};

/** The Graph properties the given fields set (only those given); `host` is the target URL's host when only appId is given. */
export function extensionBody(input: Fields, host: string | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (input.displayName !== undefined) body.displayName = input.displayName;
  if (input.description !== undefined) body.description = input.description;
  if (input.targetUrl !== undefined)
    body.endpointConfiguration = {
      "@odata.type": "#microsoft.graph.httpRequestEndpoint",
      targetUrl: input.targetUrl,
    };
  const resourceId =
    input.resourceId ??
    (input.appId === undefined || host === undefined ? undefined : `api://${host}/${input.appId}`);
  if (resourceId !== undefined)
    body.authenticationConfiguration = {
      "@odata.type": "#microsoft.graph.azureAdTokenAuthentication",
      resourceId,
    };
  if (input.timeoutInMilliseconds !== undefined || input.maximumRetries !== undefined) {
    body.clientConfiguration = {
      ...(input.timeoutInMilliseconds === undefined
        ? {}
        : { timeoutInMilliseconds: input.timeoutInMilliseconds }),
      ...(input.maximumRetries === undefined ? {} : { maximumRetries: input.maximumRetries }),
    };
  }
  if (input.fallbackToMicrosoftProviderOnError !== undefined) {
    body.behaviorOnError = input.fallbackToMicrosoftProviderOnError
      ? { "@odata.type": "#microsoft.graph.fallbackToMicrosoftProviderOnError" }
      : null;
  }
  if (input.claims !== undefined)
    body.claimsForTokenConfiguration = input.claims.map((c) => ({ claimIdInApiResponse: c }));
  return body;
}

/** Host of an https URL. */
export const hostOf = (url: string | null | undefined): string | undefined =>
  url == null ? undefined : new URL(url).host;
