import type { Logger } from "../http/logger.ts";
import type { ServiceClient } from "../http/service-client.ts";
import type { ConfirmRemovals } from "./confirm-removals.ts";

/** Progress of a long operation (pages read, items imported, LRO status). */
export interface OperationProgress {
  message: string;
  done?: number | undefined;
  total?: number | undefined;
  /** A finished step of several (a change of `config_apply`): shown as a line of its own, never merged. */
  step?: boolean | undefined;
}

/** What an operation runs with: the service clients and the caller's signal, progress sink and logger. */
export interface OperationContext {
  /** Microsoft Graph v1.0. */
  graph: ServiceClient;
  /** Microsoft Graph beta (for beta-only resources). */
  graphBeta: ServiceClient;
  /** Azure Resource Manager. */
  arm: ServiceClient;
  /** The tenant the clients act on. */
  tenantId: string;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: OperationProgress) => void) | undefined;
  logger?: Logger | undefined;
  /** Asked before a write unlinks something (see {@link ConfirmRemovals}); absent: removals go ahead. */
  confirmRemovals?: ConfirmRemovals | undefined;
}
