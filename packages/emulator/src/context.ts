import type { ArmRuntime } from "./arm/arm-settings.ts";
import type { Monitor } from "./control/monitor.ts";
import type { GraphRoute } from "./graph/route.ts";
import type { AccessTokenVerifier } from "./login/access-token.ts";
import type { AssertionReplayCache } from "./login/client-auth.ts";
import type { DeviceCodes } from "./login/device-codes.ts";
import type { RefreshTokens } from "./login/refresh-tokens.ts";
import type { SigningKeys } from "./login/signing-keys.ts";
import type { FaultInjector } from "./policy/faults.ts";
import type { Throttler } from "./policy/throttling.ts";
import type { Store } from "./store/store.ts";

/** Origins of the three services, `https://127.0.0.1:PORT`, known once the listeners are bound. */
export interface Origins {
  login: string;
  graph: string;
  arm: string;
}

/** Everything the services of one emulator instance share. */
export interface EmulatorContext {
  store: Store;
  keys: SigningKeys;
  verifier: AccessTokenVerifier;
  replay: AssertionReplayCache;
  deviceCodes: DeviceCodes;
  /** Refresh tokens of delegated sign-ins (in memory, like device codes). */
  refreshTokens: RefreshTokens;
  origins: Origins;
  throttler: Throttler;
  faults: FaultInjector;
  monitor: Monitor;
  routes: readonly GraphRoute[];
  /** ARM's settings and throttling buckets. */
  arm: ArmRuntime;
  /** Extra CA (PEM) trusted, besides Node's roots, when calling custom extensions over https. */
  customExtensionCa?: string | undefined;
  now(): Date;
}
