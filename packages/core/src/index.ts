// The public surface of @ciamkit/core: explicit named exports, and the areas' own lists.
// (`public-surface.txt` in test/ pins the result: update it on purpose when the surface changes.)

// The areas (arm/tenants, bulk, graph/*): each folder's index.ts names its public exports, its
// operations (runnable with `client.run(operation, input)`) and their types and constants.
export * from "./arm/tenants/index.ts";
export type {
  AzureAccessToken,
  AzureGetTokenOptions,
  AzureTokenCredential,
  Credential,
} from "./auth/azure-credential.ts";
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
export * from "./bulk/index.ts";
// The client entry point.
export type { AdditionalPolicy, CiamClient, CiamClientOptions, RunOptions } from "./client.ts";
export { createCiamClient, defaultPolicies } from "./client.ts";
export * from "./config/index.ts";
export * from "./connection/index.ts";
// Tenant values shown as text: control and bidi characters escaped.
export { escapeControlCharacters } from "./display-text.ts";
// One classification of failures for every front end: kind, next step, support ids.
export type { AdviceFor, ErrorKind, ServiceFailure } from "./error-kinds.ts";
export {
  ERROR_KINDS,
  errorKind,
  fileProblem,
  isServiceFailure,
  nextStep,
  supportIds,
} from "./error-kinds.ts";
export * from "./graph/applications/index.ts";
export * from "./graph/audit-logs/index.ts";
export * from "./graph/branding/index.ts";
export * from "./graph/custom-extensions/index.ts";
export * from "./graph/domains/index.ts";
export * from "./graph/event-listeners/index.ts";
export * from "./graph/fraud-providers/index.ts";
export * from "./graph/groups/index.ts";
export * from "./graph/identity-providers/index.ts";
export * from "./graph/migration/index.ts";
export * from "./graph/organization/index.ts";
export * from "./graph/security/index.ts";
export * from "./graph/service-principals/index.ts";
export * from "./graph/trust-framework/index.ts";
export * from "./graph/user-flow-attributes/index.ts";
export * from "./graph/user-flows/index.ts";
export * from "./graph/users/index.ts";
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
export { ProxyConfigurationError } from "./http/proxy.ts";
export { redactHeaders, redactText, redactUrl } from "./http/redact.ts";
export { RETRY_AFTER_MARGIN_MS, retryAfterMs } from "./http/retry-after.ts";
export type { RequestOptions, ServiceClientOptions } from "./http/service-client.ts";
export { ServiceClient } from "./http/service-client.ts";
export type { FetchTransport, FetchTransportOptions } from "./http/transport.ts";
export { createFetchTransport } from "./http/transport.ts";
// Unusable input found while an operation runs (the CLI exits 2, MCP answers an input error).
export { InputError } from "./input-error.ts";
// The operation catalog.
export type { ChangeAction } from "./operations/change-actions.ts";
export { CHANGE_VERBS, changeActionSchema } from "./operations/change-actions.ts";
export type { ConfirmRemovals, RemovalRequest } from "./operations/confirm-removals.ts";
export { RemovalNotConfirmedError } from "./operations/confirm-removals.ts";
export type { OperationContext, OperationProgress } from "./operations/context.ts";
export type {
  InputSurface,
  ListInput,
  ListItem,
  ObjectSchema,
  Operation,
  OperationAccess,
  OperationInput,
  OperationOutput,
} from "./operations/define-operation.ts";
export { areaPrefix, cliCommand, defineOperation } from "./operations/define-operation.ts";
export type { DestructiveTarget, TargetReader } from "./operations/destructive-target.ts";
export { destructiveTarget } from "./operations/destructive-target.ts";
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
export type { IterateOptions } from "./operations/iterate-operation.ts";
export { iterateOperation } from "./operations/iterate-operation.ts";
export { getOperation, operationAreas, operations, operationsByArea } from "./operations/registry.ts";
export { runOperation } from "./operations/run-operation.ts";
export type { UnknownField } from "./operations/unknown-fields.ts";
export { unknownFieldIssues, unknownFields } from "./operations/unknown-fields.ts";
export type { InputIssue } from "./operations/validate-input.ts";
export { InvalidInputError, revisedInput, validateInput } from "./operations/validate-input.ts";
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
