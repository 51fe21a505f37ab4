// The connection variables each command-line entry must read, one bad case per variable: shared by
// core's fromEnvironment test, ciam-mcp's and ciam's, so the three entries are held to one list.
import { join } from "node:path";
import type { ConnectionVariable } from "../../src/connection/connection-variables.ts";

type Env = Record<string, string>;

/** A case: the emulator's variables changed so that only `variable` is wrong, and the error naming it. */
export interface ConnectionCase {
  change(env: Env, dir: string): Env;
  error: RegExp;
}

const without = (env: Env, name: string): Env =>
  Object.fromEntries(Object.entries(env).filter(([k]) => k !== name));

/** One case per connection variable: the `Record` makes a new variable without a case a compile error. */
export const connectionCases: Record<ConnectionVariable, ConnectionCase> = {
  AZURE_TENANT_ID: { change: (env) => without(env, "AZURE_TENANT_ID"), error: /AZURE_TENANT_ID is not set/ },
  AZURE_CLIENT_ID: { change: (env) => without(env, "AZURE_CLIENT_ID"), error: /AZURE_CLIENT_ID is not set/ },
  AZURE_CLIENT_SECRET: {
    change: (env) => without(env, "AZURE_CLIENT_SECRET"),
    error: /No credential is set: set one of AZURE_CLIENT_SECRET/,
  },
  AZURE_CLIENT_CERTIFICATE_PATH: {
    change: (env, dir) => ({
      ...without(env, "AZURE_CLIENT_SECRET"),
      AZURE_CLIENT_CERTIFICATE_PATH: join(dir, "missing.pem"),
    }),
    error: /Cannot build a credential from AZURE_CLIENT_CERTIFICATE_PATH/,
  },
  AZURE_CLIENT_CERTIFICATE_PASSWORD: {
    change: (env) => ({ ...env, AZURE_CLIENT_CERTIFICATE_PASSWORD: "p" }),
    error: /AZURE_CLIENT_CERTIFICATE_PASSWORD is set without AZURE_CLIENT_CERTIFICATE_PATH/,
  },
  AZURE_FEDERATED_TOKEN_FILE: {
    change: (env, dir) => ({ ...env, AZURE_FEDERATED_TOKEN_FILE: join(dir, "token") }),
    error: /AZURE_CLIENT_SECRET and AZURE_FEDERATED_TOKEN_FILE are both set/,
  },
  AZURE_AUTHORITY_HOST: {
    change: (env) => ({ ...env, AZURE_AUTHORITY_HOST: "http://127.0.0.1:1" }),
    error: /AZURE_AUTHORITY_HOST must be an https URL, got "http:\/\/127\.0\.0\.1:1"/,
  },
  CIAM_GRAPH_ENDPOINT: {
    change: (env) => ({ ...env, CIAM_GRAPH_ENDPOINT: "http://127.0.0.1:2" }),
    error: /CIAM_GRAPH_ENDPOINT must be an https URL, got "http:\/\/127\.0\.0\.1:2"/,
  },
  CIAM_ARM_ENDPOINT: {
    change: (env) => ({ ...env, CIAM_ARM_ENDPOINT: "http://127.0.0.1:3" }),
    error: /CIAM_ARM_ENDPOINT must be an https URL, got "http:\/\/127\.0\.0\.1:3"/,
  },
  CIAM_CA_FILE: {
    change: (env, dir) => ({ ...env, CIAM_CA_FILE: join(dir, "no-such-ca.pem") }),
    error: /CIAM_CA_FILE \S+no-such-ca\.pem cannot be read \(ENOENT\)/,
  },
};
