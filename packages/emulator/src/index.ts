// The public surface of @ciamkit/emulator: explicit named exports only.

export type { ArmSettingsInput } from "./arm/arm-settings.ts";
export { ARM_PUBLISHED_LIMITS, type ArmLimits } from "./arm/arm-throttling.ts";
export type { EmulatorControl, PendingDeviceCode } from "./control/emulator-control.ts";
export type { Counters, RequestLogEntry } from "./control/monitor.ts";
export { type EmulatorOptions, type RunningEmulator, startEmulator } from "./emulator.ts";
export { addApplicationPassword, SECRET_LENGTH } from "./graph/credentials.ts";
export { newAppRoleAssignment, newOAuth2PermissionGrant } from "./graph/entities/app-role-assignment.ts";
export { newApplication, newKeyCredential, newPasswordCredential } from "./graph/entities/application.ts";
export {
  type AuditTarget,
  type DirectoryAuditInput,
  type ModifiedProperty,
  newDirectoryAudit,
} from "./graph/entities/directory-audit.ts";
export {
  GRAPH_APP_ID,
  GRAPH_APP_ROLES,
  GRAPH_DELEGATED_SCOPES,
  graphScopeId,
  graphServicePrincipal,
} from "./graph/entities/graph-service-principal.ts";
export { memberEdgeId, newGroup } from "./graph/entities/group.ts";
export { newOrganization } from "./graph/entities/organization.ts";
export { newServicePrincipal } from "./graph/entities/service-principal.ts";
export { blank } from "./graph/entities/shape.ts";
export { newSignIn, type SignInInput } from "./graph/entities/sign-in.ts";
export { newUser } from "./graph/entities/user.ts";
export { type IdSource, randomIds, seededIds } from "./graph/ids.ts";
export {
  type Caller,
  GraphError,
  type GraphMethod,
  type GraphRequest,
  type GraphResult,
  type GraphRoute,
  type GraphVersion,
} from "./graph/route.ts";
export {
  type DirectorySeedSpec,
  type SeedApp,
  type SeededApp,
  type SeededDirectory,
  type SeedGroup,
  type SeedUser,
  seedDirectory,
} from "./graph/seed-directory.ts";
export { type GraphErrorBody, graphErrorBody } from "./graph-error.ts";
export { DataDirCorruptError } from "./persist/data-dir-error.ts";
export {
  DataDirBusyError,
  type DataDirHolder,
  type DataDirLock,
  type DataDirLockOptions,
  LOCK_FILE,
  lockDataDir,
} from "./persist/dir-lock.ts";
export { DEFAULT_RETENTION, type RetentionPolicy } from "./persist/retention.ts";
export { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type Snapshot } from "./persist/snapshot.ts";
export {
  FAULT_HEADER,
  type FaultRule,
  type FaultRuleInput,
  type FaultSettingsInput,
} from "./policy/faults.ts";
export {
  PUBLISHED_LIMITS,
  type ThrottleSettings,
  type ThrottleSettingsInput,
} from "./policy/throttle-settings.ts";
export { B2C_DEMO_APP_PERMISSIONS, B2C_DEMO_DOMAIN, b2cDemoConnection } from "./seed/b2c-seed.ts";
export {
  type B2cUserSeedOptions,
  type SeededB2cUser,
  type SeededB2cUsers,
  seedB2cUsers,
} from "./seed/b2c-users.ts";
export { DEMO_APP_PERMISSIONS, type TenantConnection } from "./seed/demo-seed.ts";
export type { WorkforceConnection } from "./seed/workforce-seed.ts";
export { generateTls, type TlsMaterial } from "./server/tls.ts";
export {
  type EmulatorEndpoint,
  readServedEndpoint,
  SERVER_FILE,
} from "./session/served-endpoint.ts";
export {
  endpointOf,
  openSharedEmulator,
  type SharedEmulator,
  type SharedEmulatorOptions,
} from "./session/shared-emulator.ts";
export { defaultEmulatorDataDir, stablePorts } from "./session/stable-ports.ts";
export type { Json, JsonObject } from "./store/json.ts";
export { hashSecret, type SecretHash, verifySecret } from "./store/secrets.ts";
export {
  Collection,
  Store,
  type StoreChange,
  type StoreListener,
  type TenantInfo,
  type TenantKind,
  TenantState,
} from "./store/store.ts";
