import { readFileSync } from "node:fs";
import { type Cloud, customCloud } from "../auth/clouds.ts";
import { CredentialConfigurationError } from "../auth/credential-configuration-error.ts";

/**
 * Every environment variable that says where and as whom a command-line entry connects (`ciam`,
 * `ciam-mcp`, {@link fromEnvironment}), with what it means. The three read exactly these, through
 * {@link readConnectionVariables} and {@link environmentCloud}; docs/connecting.md documents them.
 */
export const CONNECTION_VARIABLES = {
  AZURE_TENANT_ID: "the tenant (directory) id or domain to act on",
  AZURE_CLIENT_ID: "the application (client) id to sign in as",
  AZURE_CLIENT_SECRET: "the app's client secret",
  AZURE_CLIENT_CERTIFICATE_PATH: "a PEM or PKCS#12 file with the app's certificate and private key",
  AZURE_CLIENT_CERTIFICATE_PASSWORD: "the password of that certificate file",
  AZURE_FEDERATED_TOKEN_FILE: "a file holding a federated token (workload identity)",
  AZURE_AUTHORITY_HOST:
    "the token service: a Microsoft cloud's sign-in host, or a custom one with CIAM_GRAPH_ENDPOINT",
  CIAM_GRAPH_ENDPOINT: "a custom cloud's Graph endpoint (https), e.g. the emulator's",
  CIAM_ARM_ENDPOINT: "a custom cloud's ARM endpoint (https); defaults to CIAM_GRAPH_ENDPOINT",
  CIAM_CA_FILE: "a PEM file of CA certificates a custom cloud's endpoints are trusted by",
} as const;

/** The name of one of the {@link CONNECTION_VARIABLES}. */
export type ConnectionVariable = keyof typeof CONNECTION_VARIABLES;

type Env = Readonly<Record<string, string | undefined>>;

/** The connection variables that are set, trimmed; blank ones count as unset. */
export function readConnectionVariables(env: Env): Partial<Record<ConnectionVariable, string>> {
  const set: Partial<Record<ConnectionVariable, string>> = {};
  for (const name of Object.keys(CONNECTION_VARIABLES) as ConnectionVariable[]) {
    const value = env[name]?.trim();
    if (value !== undefined && value !== "") set[name] = value;
  }
  return set;
}

/** Whether the variables name an app or tenant, which then override any profile (as in the Azure SDKs). */
export function environmentOverridesProfile(env: Env): boolean {
  const set = readConnectionVariables(env);
  return set.AZURE_TENANT_ID !== undefined || set.AZURE_CLIENT_ID !== undefined;
}

/**
 * The custom cloud of `AZURE_AUTHORITY_HOST` with `CIAM_GRAPH_ENDPOINT`, `CIAM_ARM_ENDPOINT` and
 * `CIAM_CA_FILE` (what `ciam emulator start` prints; the Azure SDKs have no variables for Graph and
 * ARM), or `undefined` when `CIAM_GRAPH_ENDPOINT` is not set. Throws a
 * {@link CredentialConfigurationError} naming the variable that is not https, cannot be read or lacks
 * its companion.
 */
export function environmentCloud(env: Env): Cloud | undefined {
  const set = readConnectionVariables(env);
  const graphEndpoint = set.CIAM_GRAPH_ENDPOINT;
  if (graphEndpoint === undefined) {
    for (const name of ["CIAM_ARM_ENDPOINT", "CIAM_CA_FILE"] as const) {
      if (set[name] !== undefined)
        throw new CredentialConfigurationError(`${name} is set without CIAM_GRAPH_ENDPOINT.`);
    }
    return undefined;
  }
  const authorityHost = set.AZURE_AUTHORITY_HOST;
  if (authorityHost === undefined) {
    throw new CredentialConfigurationError(
      "CIAM_GRAPH_ENDPOINT is set without AZURE_AUTHORITY_HOST: set the custom cloud's token service too.",
    );
  }
  const armEndpoint = set.CIAM_ARM_ENDPOINT ?? graphEndpoint;
  for (const [name, url] of [
    ["AZURE_AUTHORITY_HOST", authorityHost],
    ["CIAM_GRAPH_ENDPOINT", graphEndpoint],
    ["CIAM_ARM_ENDPOINT", armEndpoint],
  ] as const) {
    requireHttps(name, url);
  }
  const caFile = set.CIAM_CA_FILE;
  let ca: string | undefined;
  if (caFile !== undefined) {
    try {
      ca = readFileSync(caFile, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new CredentialConfigurationError(`CIAM_CA_FILE ${caFile} cannot be read (${code}).`);
    }
  }
  return customCloud({ authorityHost, graphEndpoint, armEndpoint, ...(ca === undefined ? {} : { ca }) });
}

/** Refuses a value that is not an https URL, naming its variable: tokens never travel over http. */
export function requireHttps(name: ConnectionVariable, url: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed?.protocol !== "https:") {
    throw new CredentialConfigurationError(`${name} must be an https URL, got ${JSON.stringify(url)}.`);
  }
}
