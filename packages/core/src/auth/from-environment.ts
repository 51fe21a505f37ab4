import {
  environmentCloud,
  readConnectionVariables,
  requireHttps,
} from "../connection/connection-variables.ts";
import type { Logger } from "../http/logger.ts";
import { workloadIdentityCredential } from "./client-assertion.ts";
import { clientCertificateCredential } from "./client-certificate.ts";
import { clientSecretCredential } from "./client-secret.ts";
import type { Cloud } from "./clouds.ts";
import { cloudForAuthorityHost, globalCloud } from "./clouds.ts";
import { CredentialConfigurationError } from "./credential-configuration-error.ts";
import type { TokenProvider } from "./token-provider.ts";

export { CredentialConfigurationError };

/** Options of {@link fromEnvironment}. */
export interface FromEnvironmentOptions {
  /** Defaults to `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The cloud when `AZURE_AUTHORITY_HOST` names no Microsoft cloud (e.g. the emulator with its CA). */
  cloud?: Cloud | undefined;
  logger?: Logger | undefined;
}

/** The result of {@link fromEnvironment}. */
export interface EnvironmentCredential {
  credential: TokenProvider;
  cloud: Cloud;
  tenantId: string;
  clientId: string;
  /** Which kind was built: `secret`, `certificate` or `federated`. */
  kind: "secret" | "certificate" | "federated";
}

/**
 * Builds an app-only credential from the variables the Azure SDKs use: `AZURE_TENANT_ID`,
 * `AZURE_CLIENT_ID`, and exactly one of `AZURE_CLIENT_SECRET`, `AZURE_CLIENT_CERTIFICATE_PATH` (with
 * optional `AZURE_CLIENT_CERTIFICATE_PASSWORD`) or `AZURE_FEDERATED_TOKEN_FILE`; `AZURE_AUTHORITY_HOST`
 * picks the cloud, or with `CIAM_GRAPH_ENDPOINT`, `CIAM_ARM_ENDPOINT` and `CIAM_CA_FILE` describes a
 * custom one such as the emulator's (the {@link CONNECTION_VARIABLES}, as `ciam` and `ciam-mcp` read
 * them). Throws a {@link CredentialConfigurationError} saying which variable is missing or conflicting.
 */
export function fromEnvironment(options: FromEnvironmentOptions = {}): EnvironmentCredential {
  const env = options.env ?? process.env;
  const {
    AZURE_TENANT_ID: tenantId,
    AZURE_CLIENT_ID: clientId,
    AZURE_CLIENT_SECRET: secret,
    AZURE_CLIENT_CERTIFICATE_PATH: certificatePath,
    AZURE_CLIENT_CERTIFICATE_PASSWORD: password,
    AZURE_FEDERATED_TOKEN_FILE: tokenFile,
    AZURE_AUTHORITY_HOST: authorityHost,
  } = readConnectionVariables(env);

  const missing = [
    tenantId === undefined && "AZURE_TENANT_ID",
    clientId === undefined && "AZURE_CLIENT_ID",
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new CredentialConfigurationError(
      `${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set.`,
    );
  }
  const kinds = [
    secret !== undefined && "AZURE_CLIENT_SECRET",
    certificatePath !== undefined && "AZURE_CLIENT_CERTIFICATE_PATH",
    tokenFile !== undefined && "AZURE_FEDERATED_TOKEN_FILE",
  ].filter((k): k is string => typeof k === "string");
  if (kinds.length === 0) {
    throw new CredentialConfigurationError(
      "No credential is set: set one of AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE.",
    );
  }
  if (kinds.length > 1) {
    throw new CredentialConfigurationError(`${kinds.join(" and ")} are both set; set only one credential.`);
  }
  if (password !== undefined && certificatePath === undefined) {
    throw new CredentialConfigurationError(
      "AZURE_CLIENT_CERTIFICATE_PASSWORD is set without AZURE_CLIENT_CERTIFICATE_PATH.",
    );
  }

  const custom = environmentCloud(env);
  let cloud = custom ?? options.cloud ?? globalCloud;
  if (authorityHost !== undefined && custom === undefined) {
    requireHttps("AZURE_AUTHORITY_HOST", authorityHost);
    const known = cloudForAuthorityHost(authorityHost);
    if (known !== undefined) cloud = known;
    else if (options.cloud !== undefined)
      cloud = { ...options.cloud, authorityHost: authorityHost.replace(/\/+$/, "") };
    else {
      throw new CredentialConfigurationError(
        `AZURE_AUTHORITY_HOST ${authorityHost} is not a Microsoft cloud; set the cloud's CIAM_GRAPH_ENDPOINT (and CIAM_ARM_ENDPOINT, CIAM_CA_FILE) too, or pass its cloud (customCloud).`,
      );
    }
  }

  const common = {
    tenantId: tenantId as string,
    clientId: clientId as string,
    cloud,
    logger: options.logger,
    source: { kind: "environment" } as const,
  };
  try {
    if (secret !== undefined) {
      return {
        credential: clientSecretCredential({ ...common, clientSecret: secret }),
        cloud,
        tenantId: common.tenantId,
        clientId: common.clientId,
        kind: "secret",
      };
    }
    if (certificatePath !== undefined) {
      return {
        credential: clientCertificateCredential({ ...common, certificatePath, password }),
        cloud,
        tenantId: common.tenantId,
        clientId: common.clientId,
        kind: "certificate",
      };
    }
    return {
      credential: workloadIdentityCredential({ ...common, tokenFilePath: tokenFile as string }),
      cloud,
      tenantId: common.tenantId,
      clientId: common.clientId,
      kind: "federated",
    };
  } catch (error) {
    throw new CredentialConfigurationError(
      `Cannot build a credential from ${kinds[0]}, AZURE_TENANT_ID and AZURE_CLIENT_ID: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
