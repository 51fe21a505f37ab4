// The public surface of @ciamkit/core: explicit named exports only.

// External tenants (ARM ciamDirectories): catalog entries and the resource client.
export { checkTenantNameOperation } from "./arm/tenants/check-tenant-name.ts";
export { createTenantOperation } from "./arm/tenants/create-tenant.ts";
export { deleteTenantOperation } from "./arm/tenants/delete-tenant.ts";
export { getTenantOperation } from "./arm/tenants/get-tenant.ts";
export { getTenantCreateStatusOperation } from "./arm/tenants/get-tenant-create-status.ts";
export { listTenantsOperation } from "./arm/tenants/list-tenants.ts";
export type { Tenant } from "./arm/tenants/tenant-schema.ts";
export { CIAM_DIRECTORY_TYPE } from "./arm/tenants/tenant-schema.ts";
export type { NameAvailability, StartedCreate, TenantAddress } from "./arm/tenants/tenants-client.ts";
export { TENANT_ACTIONS, TENANTS_API_VERSION } from "./arm/tenants/tenants-client.ts";
export { updateTenantOperation } from "./arm/tenants/update-tenant.ts";
export { waitTenantCreateOperation } from "./arm/tenants/wait-tenant-create.ts";
// Credentials over MSAL: client secret, certificate, client assertion, workload identity, device code.
export type {
  ClientAssertionCredentialOptions,
  WorkloadIdentityCredentialOptions,
} from "./auth/client-assertion.ts";
export { clientAssertionCredential, workloadIdentityCredential } from "./auth/client-assertion.ts";
export type { CertificateMaterial, ClientCertificateCredentialOptions } from "./auth/client-certificate.ts";
export { clientCertificateCredential, loadCertificate } from "./auth/client-certificate.ts";
export type { ClientSecretCredentialOptions } from "./auth/client-secret.ts";
export { clientSecretCredential } from "./auth/client-secret.ts";
export type { Authority, Cloud, CustomCloudOptions } from "./auth/clouds.ts";
export {
  chinaCloud,
  ciamAuthority,
  cloudForAuthorityHost,
  customCloud,
  globalCloud,
  tenantAuthority,
  usGovernmentCloud,
} from "./auth/clouds.ts";
export type { DeviceCodeCredentialOptions, DeviceCodePrompt } from "./auth/device-code.ts";
export { deviceCodeCredential } from "./auth/device-code.ts";
export type { EnvironmentCredential, FromEnvironmentOptions } from "./auth/from-environment.ts";
export { CredentialConfigurationError, fromEnvironment } from "./auth/from-environment.ts";
export type { CredentialOptions } from "./auth/msal-config.ts";
export type { CredentialSource } from "./auth/sign-in-advice.ts";
export type { CacheMigration } from "./auth/token-cache-file.ts";
export {
  defaultTokenCachePath,
  fileTokenCachePlugin,
  legacyTokenCachePath,
  selectCacheEntries,
} from "./auth/token-cache-file.ts";
export type { AccessToken, CachingOptions, GetTokenOptions, TokenProvider } from "./auth/token-provider.ts";
export { cachingTokenProvider } from "./auth/token-provider.ts";
// Bulk import and export of users (catalog entries and the engines behind them).
export type { PacerOptions, PacerSignal } from "./bulk/adaptive-pacer.ts";
export { AdaptivePacer } from "./bulk/adaptive-pacer.ts";
export type { ColumnMapping, ImportField } from "./bulk/column-mapping.ts";
export {
  columnMappingSchema,
  extensionProperty,
  IMPORT_FIELDS,
  loadColumnMapping,
} from "./bulk/column-mapping.ts";
export type { ExportPage, ExportPageOptions } from "./bulk/export-page.ts";
export { exportPage, INLINE_EXPORT_MAX_PAGE } from "./bulk/export-page.ts";
export type { ExportResult, ExportUsersOptions } from "./bulk/export-users.ts";
export { DEFAULT_EXPORT_SELECT, exportUsers } from "./bulk/export-users.ts";
export { INLINE_IMPORT_MAX_CHARS, INLINE_IMPORT_MAX_ROWS } from "./bulk/import-input.ts";
export type { ImportReport } from "./bulk/import-report.ts";
export { importReportSchema, summarizeReport } from "./bulk/import-report.ts";
export type { ImportUsersOptions } from "./bulk/import-users.ts";
export { importUsers } from "./bulk/import-users.ts";
export type { BulkFileFormat } from "./bulk/row-source.ts";
export { passwordProblem } from "./bulk/row-validation.ts";
export { exportUsersOperation } from "./bulk/user-export-operation.ts";
export { importUsersOperation } from "./bulk/user-import-operation.ts";
// The client entry point.
export type { CiamClient, CiamClientOptions, RunOptions } from "./client.ts";
export { createCiamClient, defaultPolicies } from "./client.ts";
export { addCertificateOperation } from "./graph/applications/add-certificate.ts";
export { addPasswordOperation } from "./graph/applications/add-password.ts";
export type { Application } from "./graph/applications/application-schema.ts";
export { createApplicationOperation } from "./graph/applications/create-application.ts";
export { deleteApplicationOperation } from "./graph/applications/delete-application.ts";
export { getApplicationOperation } from "./graph/applications/get-application.ts";
export { listApplicationsOperation } from "./graph/applications/list-applications.ts";
export { removePasswordOperation } from "./graph/applications/remove-password.ts";
export { listDirectoryAuditsOperation } from "./graph/audit-logs/list-directory-audits.ts";
export { listSignInsOperation } from "./graph/audit-logs/list-sign-ins.ts";
export { applyBrandingOperation } from "./graph/branding/apply-branding.ts";
export type { BrandingFileInfo } from "./graph/branding/branding-file.ts";
export { BRANDING_FILE_RULES, checkBrandingFile } from "./graph/branding/branding-file.ts";
export type { Branding, BrandingStream } from "./graph/branding/branding-schema.ts";
export { BRANDING_STREAMS } from "./graph/branding/branding-schema.ts";
export { createLocalizationOperation } from "./graph/branding/create-localization.ts";
export { deleteBrandingOperation } from "./graph/branding/delete-branding.ts";
export { deleteLocalizationOperation } from "./graph/branding/delete-localization.ts";
// Directory operations (catalog entries), runnable with `client.run(operation, input)`.
export { getBrandingOperation } from "./graph/branding/get-branding.ts";
export { getBrandingFileOperation } from "./graph/branding/get-branding-file.ts";
export { getLocalizationOperation } from "./graph/branding/get-localization.ts";
export { listLocalizationsOperation } from "./graph/branding/list-localizations.ts";
export { removeBrandingFileOperation } from "./graph/branding/remove-branding-file.ts";
export { setBrandingFileOperation } from "./graph/branding/set-branding-file.ts";
export { updateBrandingOperation } from "./graph/branding/update-branding.ts";
export { updateLocalizationOperation } from "./graph/branding/update-localization.ts";
export { createCustomExtensionOperation } from "./graph/custom-extensions/create-custom-extension.ts";
export type { CustomExtension, ExtensionKind } from "./graph/custom-extensions/custom-extension-schema.ts";
export { EXTENSION_KINDS } from "./graph/custom-extensions/custom-extension-schema.ts";
export { deleteCustomExtensionOperation } from "./graph/custom-extensions/delete-custom-extension.ts";
export { getCustomExtensionOperation } from "./graph/custom-extensions/get-custom-extension.ts";
export { listCustomExtensionsOperation } from "./graph/custom-extensions/list-custom-extensions.ts";
export { updateCustomExtensionOperation } from "./graph/custom-extensions/update-custom-extension.ts";
export { validateCustomExtensionOperation } from "./graph/custom-extensions/validate-custom-extension.ts";
export { wireCustomExtensionOperation } from "./graph/custom-extensions/wire-custom-extension.ts";
export { createEventListenerOperation } from "./graph/event-listeners/create-event-listener.ts";
export { deleteEventListenerOperation } from "./graph/event-listeners/delete-event-listener.ts";
export type { EventListener, ListenerKind } from "./graph/event-listeners/event-listener-schema.ts";
export { LISTENER_KINDS } from "./graph/event-listeners/event-listener-schema.ts";
export { getEventListenerOperation } from "./graph/event-listeners/get-event-listener.ts";
export { listEventListenersOperation } from "./graph/event-listeners/list-event-listeners.ts";
export { updateEventListenerOperation } from "./graph/event-listeners/update-event-listener.ts";
export { addMembersOperation } from "./graph/groups/add-members.ts";
export { createGroupOperation } from "./graph/groups/create-group.ts";
export { deleteGroupOperation } from "./graph/groups/delete-group.ts";
export { getGroupOperation } from "./graph/groups/get-group.ts";
export type { Group, Member } from "./graph/groups/group-schema.ts";
export { listGroupsOperation } from "./graph/groups/list-groups.ts";
export { listMembersOperation } from "./graph/groups/list-members.ts";
export { removeMemberOperation } from "./graph/groups/remove-member.ts";
export { updateGroupOperation } from "./graph/groups/update-group.ts";
export { createIdentityProviderOperation } from "./graph/identity-providers/create-identity-provider.ts";
export { deleteIdentityProviderOperation } from "./graph/identity-providers/delete-identity-provider.ts";
export { getIdentityProviderOperation } from "./graph/identity-providers/get-identity-provider.ts";
export type { IdentityProvider } from "./graph/identity-providers/identity-provider-schema.ts";
export { identityProviderTypesOperation } from "./graph/identity-providers/identity-provider-types.ts";
export { listIdentityProvidersOperation } from "./graph/identity-providers/list-identity-providers.ts";
export { updateIdentityProviderOperation } from "./graph/identity-providers/update-identity-provider.ts";
export { getOrganizationOperation } from "./graph/organization/get-organization.ts";
export type { Organization } from "./graph/organization/organization-schema.ts";
export { createServicePrincipalOperation } from "./graph/service-principals/create-service-principal.ts";
export { getServicePrincipalOperation } from "./graph/service-principals/get-service-principal.ts";
export { grantPermissionOperation } from "./graph/service-principals/grant-permission.ts";
export { listGrantsOperation } from "./graph/service-principals/list-grants.ts";
export { revokePermissionOperation } from "./graph/service-principals/revoke-permission.ts";
export type {
  AppRoleAssignment,
  ServicePrincipal,
} from "./graph/service-principals/service-principal-schema.ts";
export { createKeySetOperation } from "./graph/trust-framework/create-keyset.ts";
export { deleteKeySetOperation } from "./graph/trust-framework/delete-keyset.ts";
export { deletePolicyOperation } from "./graph/trust-framework/delete-policy.ts";
export { generateKeyOperation } from "./graph/trust-framework/generate-key.ts";
export { getActiveKeyOperation } from "./graph/trust-framework/get-active-key.ts";
export { getKeySetOperation } from "./graph/trust-framework/get-keyset.ts";
export { getPolicyOperation } from "./graph/trust-framework/get-policy.ts";
export { listKeySetsOperation } from "./graph/trust-framework/list-keysets.ts";
export { listPoliciesOperation } from "./graph/trust-framework/list-policies.ts";
export type { KeySet, TrustFrameworkKey } from "./graph/trust-framework/trust-framework-schema.ts";
export { uploadCertificateOperation } from "./graph/trust-framework/upload-certificate.ts";
export { uploadPfxOperation } from "./graph/trust-framework/upload-pfx.ts";
export { uploadPolicyOperation } from "./graph/trust-framework/upload-policy.ts";
export { uploadSecretOperation } from "./graph/trust-framework/upload-secret.ts";
export { createUserFlowAttributeOperation } from "./graph/user-flow-attributes/create-user-flow-attribute.ts";
export { deleteUserFlowAttributeOperation } from "./graph/user-flow-attributes/delete-user-flow-attribute.ts";
export { getUserFlowAttributeOperation } from "./graph/user-flow-attributes/get-user-flow-attribute.ts";
export { listUserFlowAttributesOperation } from "./graph/user-flow-attributes/list-user-flow-attributes.ts";
export { updateUserFlowAttributeOperation } from "./graph/user-flow-attributes/update-user-flow-attribute.ts";
export type { UserFlowAttribute } from "./graph/user-flow-attributes/user-flow-attribute-schema.ts";
export { addFlowAppOperation } from "./graph/user-flows/add-flow-app.ts";
export { addFlowAttributeOperation } from "./graph/user-flows/add-flow-attribute.ts";
export { addFlowIdpOperation } from "./graph/user-flows/add-flow-idp.ts";
export { createUserFlowOperation } from "./graph/user-flows/create-user-flow.ts";
export { deleteUserFlowOperation } from "./graph/user-flows/delete-user-flow.ts";
export { findUserFlowByAppOperation } from "./graph/user-flows/find-user-flow-by-app.ts";
export { getUserFlowOperation } from "./graph/user-flows/get-user-flow.ts";
export { listFlowAppsOperation } from "./graph/user-flows/list-flow-apps.ts";
export { listFlowAttributesOperation } from "./graph/user-flows/list-flow-attributes.ts";
export { listFlowIdpsOperation } from "./graph/user-flows/list-flow-idps.ts";
// Sign-up and sign-in: user flows, user-flow attributes and identity providers (catalog entries).
export { listUserFlowsOperation } from "./graph/user-flows/list-user-flows.ts";
export { removeFlowAppOperation } from "./graph/user-flows/remove-flow-app.ts";
export { removeFlowAttributeOperation } from "./graph/user-flows/remove-flow-attribute.ts";
export { removeFlowIdpOperation } from "./graph/user-flows/remove-flow-idp.ts";
export { setupUserFlowOperation } from "./graph/user-flows/setup-user-flow.ts";
export { updateUserFlowOperation } from "./graph/user-flows/update-user-flow.ts";
export type { UserFlow } from "./graph/user-flows/user-flow-schema.ts";
export { createUserOperation } from "./graph/users/create-user.ts";
export { deleteUserOperation } from "./graph/users/delete-user.ts";
export { findUserOperation } from "./graph/users/find-user.ts";
export { getUserOperation } from "./graph/users/get-user.ts";
export { listUsersOperation } from "./graph/users/list-users.ts";
export { updateUserOperation } from "./graph/users/update-user.ts";
export type { User } from "./graph/users/user-schema.ts";
// HTTP: batching, errors, logging, long-running operations, OData filters, paging, pipeline and policies.
export type { BatchOptions, BatchRequest, BatchResult } from "./http/batch.ts";
export { BATCH_LIMIT, runBatch } from "./http/batch.ts";
export type { ApiErrorDetail, ApiErrorInit, PermissionErrorReason } from "./http/errors.ts";
export {
  ApiError,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  errorFromResponse,
  isApiError,
  NotFoundError,
  PermissionError,
  ThrottledError,
  ValidationError,
} from "./http/errors.ts";
export type { LogEntry, Logger, LogLevel } from "./http/logger.ts";
export type { LroOptions, LroProgress } from "./http/lro.ts";
export { beginLongRunning, lroResumeToken, resumeLongRunning } from "./http/lro.ts";
export type { LroStatus } from "./http/lro-status.ts";
export { longRunningStatus } from "./http/lro-status.ts";
export type { ODataFilter, ODataValue } from "./http/odata.ts";
export {
  and,
  any,
  eq,
  ge,
  gt,
  isIn,
  le,
  literal,
  lt,
  ne,
  not,
  or,
  propertyPath,
  startsWith,
} from "./http/odata.ts";
export type { ListResult, Page, PageOptions } from "./http/paginate.ts";
export { listPage, paginate, paginatePages } from "./http/paginate.ts";
export type {
  HttpMethod,
  PipelinePolicy,
  PipelineRequest,
  PipelineResponse,
  SendRequest,
  Service,
} from "./http/pipeline.ts";
export { createPipeline, responseJson, responseText } from "./http/pipeline.ts";
export { bearerTokenPolicy } from "./http/policies/bearer-token.ts";
export { clientRequestIdPolicy } from "./http/policies/client-request-id.ts";
export { loggingPolicy } from "./http/policies/logging.ts";
export type { ReadAfterWriteOptions } from "./http/policies/read-after-write.ts";
export { readAfterWritePolicy } from "./http/policies/read-after-write.ts";
export type { RetryOptions } from "./http/policies/retry.ts";
export { retryPolicy, shouldRetry } from "./http/policies/retry.ts";
export { throttleGatePolicy } from "./http/policies/throttle-gate.ts";
export { timeoutPolicy } from "./http/policies/timeout.ts";
export { userAgentPolicy } from "./http/policies/user-agent.ts";
export { redactHeaders, redactText, redactUrl } from "./http/redact.ts";
export { RETRY_AFTER_MARGIN_MS, retryAfterMs } from "./http/retry-after.ts";
export type { RequestOptions, ServiceClientOptions } from "./http/service-client.ts";
export { ServiceClient } from "./http/service-client.ts";
export type { FetchTransport, FetchTransportOptions } from "./http/transport.ts";
export { createFetchTransport } from "./http/transport.ts";
// The operation catalog.
export type { ChangeAction } from "./operations/change-actions.ts";
export { CHANGE_VERBS, changeActionSchema } from "./operations/change-actions.ts";
export type { ConfirmRemovals, RemovalRequest } from "./operations/confirm-removals.ts";
export { RemovalNotConfirmedError } from "./operations/confirm-removals.ts";
export type { OperationContext, OperationProgress } from "./operations/context.ts";
export type {
  InputSurface,
  ObjectSchema,
  Operation,
  OperationAccess,
} from "./operations/define-operation.ts";
export { areaPrefix, cliCommand, defineOperation } from "./operations/define-operation.ts";
export type { HostPathAccess, HostPathInput, HostPathValue } from "./operations/host-paths.ts";
export {
  accessWithFiles,
  hostPath,
  hostPathAccess,
  hostPathInputs,
  hostPathValues,
  mapHostPaths,
} from "./operations/host-paths.ts";
export { inputsNotOffered, isIdempotent } from "./operations/input-surfaces.ts";
export { getOperation, operationAreas, operations, operationsByArea } from "./operations/registry.ts";
export { InvalidInputError, runOperation } from "./operations/run-operation.ts";
// Sign-in profiles (`ciam login`), shared by the CLI and the MCP server.
export type { ProfileCredentialOptions } from "./profiles/profile-credential.ts";
export { cloudFromProfile, credentialFromProfile } from "./profiles/profile-credential.ts";
export type { CredentialReference, Profile, ProfileCloud, ProfilesFile } from "./profiles/profile-schema.ts";
export {
  credentialReferenceSchema,
  profileCloudSchema,
  profileNameSchema,
  profileSchema,
  profilesFileSchema,
} from "./profiles/profile-schema.ts";
export { configDir, ProfileError, ProfileStore, profileTokenCachePath } from "./profiles/profile-store.ts";
// Version and user agent.
export { CIAMKIT_VERSION, userAgent } from "./version.ts";
