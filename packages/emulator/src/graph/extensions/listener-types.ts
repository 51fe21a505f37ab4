import { COLLECTIONS } from "../../store/collection-names.ts";
/**
 * The event listener types a client creates directly, with the handler each takes and the custom
 * extension type that handler must point to (api-surface 5.2). The fraud protection handler binds a
 * provider instead of an extension.
 */
export const LISTENER_TYPES: Readonly<Record<string, { handler: string; extension: string | null }>> = {
  onTokenIssuanceStartListener: {
    handler: "onTokenIssuanceStartCustomExtensionHandler",
    extension: "onTokenIssuanceStartCustomExtension",
  },
  onAttributeCollectionStartListener: {
    handler: "onAttributeCollectionStartCustomExtensionHandler",
    extension: "onAttributeCollectionStartCustomExtension",
  },
  onAttributeCollectionSubmitListener: {
    handler: "onAttributeCollectionSubmitCustomExtensionHandler",
    extension: "onAttributeCollectionSubmitCustomExtension",
  },
  onEmailOtpSendListener: {
    handler: "onOtpSendCustomExtensionHandler",
    extension: "onOtpSendCustomExtension",
  },
  onVerifiedIdClaimValidationListener: {
    handler: "onVerifiedIdClaimValidationCustomExtensionHandler",
    extension: "onVerifiedIdClaimValidationCustomExtension",
  },
  // Just-in-time password migration (v1.0 and beta): the handler also names the user property
  // (`migrationPropertyId`) that marks who still needs migrating.
  onPasswordSubmitListener: {
    handler: "onPasswordMigrationCustomExtensionHandler",
    extension: "onPasswordSubmitCustomExtension",
  },
  onFraudProtectionLoadStartListener: {
    handler: "onFraudProtectionLoadStartExternalUsersAuthHandler",
    extension: null,
  },
};

/** Listener types a user flow creates and owns; a direct POST of one is refused (api-surface 5.2). */
export const FLOW_MANAGED_LISTENERS = [
  "onInteractiveAuthFlowStartListener",
  "onAuthenticationMethodLoadStartListener",
  "onAttributeCollectionListener",
  "onUserCreateStartListener",
];

/** Graph's per-tenant maximum of event listeners (api-surface 5.2). */
export const MAX_LISTENERS = 250;
/** Listener records, each with its `@odata.type`. */
export const LISTENERS = COLLECTIONS.authenticationEventListeners;
