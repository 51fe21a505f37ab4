export { type AcceptedToken, CUSTOM_EXTENSIONS_CALLER_APP_ID } from "./bearer-token.ts";
export { createPasswordMigrationHandler, type FetchHandler } from "./handler.ts";
export type { MigrationLogger, PasswordMigrationHandlerOptions } from "./handler-options.ts";
export { toNodeListener } from "./node-listener.ts";
export {
  CONTENT_ENCRYPTION_ALGORITHMS,
  type DecryptionKey,
  KEY_MANAGEMENT_ALGORITHMS,
} from "./password-context.ts";
export { type MemoryReplayStoreOptions, memoryReplayStore, type ReplayStore } from "./replay-store.ts";
export type { AuthenticationContext, PasswordSubmitRequest, PasswordSubmitUser } from "./request-body.ts";
export type { ActionMessage, PasswordSubmitAction } from "./response.ts";
export {
  type B2cRopcVerifierOptions,
  b2cRopcVerifier,
  defaultB2cUsername,
} from "./verifiers/b2c-ropc-verifier.ts";
export { callbackVerifier } from "./verifiers/callback-verifier.ts";
export { type PasswordHashRecord, passwordHashRecordSchema } from "./verifiers/hash-record.ts";
export { type HashVerifierOptions, hashVerifier } from "./verifiers/hash-verifier.ts";
export {
  type PasswordVerifier,
  type VerificationInput,
  type VerificationResult,
  VerifierError,
} from "./verifiers/verifier.ts";
