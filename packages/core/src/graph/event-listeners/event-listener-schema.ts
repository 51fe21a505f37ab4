import { z } from "zod";

/** The listener kinds a client creates directly (Graph v1.0), by the event they handle. */
export const LISTENER_KINDS = {
  onTokenIssuanceStart: "onTokenIssuanceStartCustomExtensionHandler",
  onAttributeCollectionStart: "onAttributeCollectionStartCustomExtensionHandler",
  onAttributeCollectionSubmit: "onAttributeCollectionSubmitCustomExtensionHandler",
  onEmailOtpSend: "onOtpSendCustomExtensionHandler",
  onVerifiedIdClaimValidation: "onVerifiedIdClaimValidationCustomExtensionHandler",
  onFraudProtectionLoadStart: "onFraudProtectionLoadStartExternalUsersAuthHandler",
  onPasswordSubmit: "onPasswordMigrationCustomExtensionHandler",
} as const;

/** A listener kind. */
export const listenerKindSchema = z
  .enum(Object.keys(LISTENER_KINDS) as [keyof typeof LISTENER_KINDS, ...(keyof typeof LISTENER_KINDS)[]])
  .describe("The event; the extension must be of the same event.");

/** A listener kind. */
export type ListenerKind = z.infer<typeof listenerKindSchema>;

/** An event listener as ciamkit returns it. */
export const eventListenerSchema = z.object({
  id: z.string(),
  kind: z
    .string()
    .describe("The event it listens to (see listenerKind), or the Graph type of a user-flow listener."),
  displayName: z.string().nullish(),
  appIds: z.array(z.string()).describe("The applications (client ids) it applies to."),
  customExtensionId: z.string().nullable().describe("The custom extension its handler calls."),
  fraudProtectionProviderId: z.string().nullable(),
  migrationPropertyId: z.string().nullish(),
  authenticationEventsFlowId: z.string().nullish().describe("Set when a user flow owns it."),
});

/** An event listener as ciamkit returns it. */
export type EventListener = z.infer<typeof eventListenerSchema>;

/** A fraud protection provider reference. */
export const fraudProviderSchema = z.object({
  type: z.enum(["arkose", "humanSecurity"]),
  id: z.string().min(1).describe("The provider's id."),
});

/** The user attribute (`extension_<appIdNoDashes>_<Name>`) marking who still needs password migration. */
export const migrationPropertySchema = z
  .string()
  .regex(/^extension_[0-9a-fA-F]{32}_[A-Za-z0-9_]+$/, "expected extension_<appIdWithoutDashes>_<Name>")
  .describe("onPasswordSubmit: the extension_… flag of users to migrate.");
