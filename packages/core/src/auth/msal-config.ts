import type { Configuration } from "@azure/msal-node";
import { LogLevel } from "@azure/msal-node";
import type { Logger } from "../http/logger.ts";
import { emit } from "../http/logger.ts";
import { createFetchTransport } from "../http/transport.ts";
import type { Authority, Cloud } from "./clouds.ts";
import { globalCloud, tenantAuthority } from "./clouds.ts";
import { msalNetworkClient } from "./msal-network.ts";
import type { CredentialSource } from "./sign-in-advice.ts";

/** Options every MSAL-backed credential takes. */
export interface CredentialOptions {
  /** The directory (tenant) id or `contoso.onmicrosoft.com`. */
  tenantId: string;
  /** Client id. */
  clientId: string;
  /** Defaults to the global cloud. */
  cloud?: Cloud | undefined;
  /** Overrides the cloud's authority, e.g. {@link ciamAuthority} for `{tenant}.ciamlogin.com`. */
  authority?: Authority | undefined;
  logger?: Logger | undefined;
  /** A `fetch` to use instead of the global one (the cloud's CA is still applied). */
  fetch?: typeof fetch | undefined;
  /** Where the tenant, client id and proof came from: a failed sign-in says to check them there. */
  source?: CredentialSource | undefined;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Validates the common options; throws a clear error naming the bad field. */
export function checkCredentialOptions(options: CredentialOptions): void {
  if (typeof options.clientId !== "string" || !GUID.test(options.clientId)) {
    throw new Error(
      `clientId must be an application (client) id GUID, got ${JSON.stringify(options.clientId)}.`,
    );
  }
  if (typeof options.tenantId !== "string" || options.tenantId === "")
    throw new Error("tenantId is required.");
}

/** An MSAL configuration and the connection pool its network client owns. */
export interface MsalSetup {
  config: Configuration;
  /** The authority URL the configuration signs in at. */
  authority: string;
  /** Closes the network client's connections (a credential's `close()`). */
  close(): Promise<void>;
}

/** The MSAL configuration for a credential: authority, trusted hosts, network client with the CA, redacted logging. */
export function msalConfiguration(
  options: CredentialOptions,
  auth: Partial<Configuration["auth"]>,
): MsalSetup {
  checkCredentialOptions(options);
  const cloud = options.cloud ?? globalCloud;
  const authority = options.authority ?? tenantAuthority(cloud, options.tenantId);
  const transport = createFetchTransport({ ca: cloud.ca, fetch: options.fetch });
  const logger = options.logger;
  const config: Configuration = {
    auth: {
      ...auth,
      clientId: options.clientId,
      authority: authority.authority,
      knownAuthorities: authority.knownAuthorities,
    },
    system: {
      networkClient: msalNetworkClient(transport.fetch),
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback: (level, message) => {
          emit(logger, {
            level: level === LogLevel.Error ? "error" : "warn",
            event: "auth.msal",
            message,
          });
        },
      },
    },
  };
  return { config, authority: authority.authority, close: transport.close };
}
