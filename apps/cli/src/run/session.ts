import { readFileSync } from "node:fs";
import type { CiamClient, Cloud } from "@ciamkit/core";
import { openEmulatorSession } from "./emulator-session.ts";
import { UsageError } from "./exit-codes.ts";
import { canAskPerson } from "./interactive.ts";

type Core = typeof import("@ciamkit/core");

/** A signed-in client and how to release it. */
export interface Session {
  client: CiamClient;
  close(): Promise<void>;
}

/** What decides where a command runs. */
export interface SessionOptions {
  emulator?: boolean | undefined;
  profile?: string | undefined;
  env?: Readonly<Record<string, string | undefined>>;
  /** Cancels waiting for the emulator's state while another process uses it. */
  signal?: AbortSignal | undefined;
}

/**
 * Connects a command to its tenant, in this order: `--emulator`; the `AZURE_*` variables when
 * `AZURE_CLIENT_ID` or `AZURE_TENANT_ID` is set (they override any profile, as in the Azure SDKs);
 * the `--profile` or current profile. Without any of them it is a usage error: nothing is sent.
 */
export async function openSession(core: Core, options: SessionOptions): Promise<Session> {
  const env = options.env ?? process.env;
  if (options.emulator === true) return openEmulatorSession(core, env, options.signal);
  // A device code is shown only to a person: in a script or CI a sign-in that needs one fails at once.
  const onPrompt = canAskPerson(env)
    ? (prompt: { message: string }) => void process.stderr.write(`${prompt.message}\n`)
    : undefined;
  const store = new core.ProfileStore(core.configDir(env));
  if (env.AZURE_CLIENT_ID || env.AZURE_TENANT_ID) {
    const profile =
      options.profile === undefined && store.currentName() === undefined
        ? undefined
        : store.get(options.profile);
    const fromEnv = core.fromEnvironment({
      env,
      cloud: envCloud(core, env) ?? (profile && core.cloudFromProfile(profile.cloud)),
    });
    const client = core.createCiamClient({
      credential: fromEnv.credential,
      tenantId: fromEnv.tenantId,
      cloud: fromEnv.cloud,
    });
    return { client, close: () => client.close() };
  }
  const profile = store.get(options.profile);
  if (profile === undefined) {
    throw new UsageError(
      "not signed in: run `ciam login`, set AZURE_TENANT_ID, AZURE_CLIENT_ID and a credential (AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE), or try the demo tenant with --emulator",
    );
  }
  const cloud = core.cloudFromProfile(profile.cloud);
  const credential = core.credentialFromProfile(profile, { env, onPrompt });
  const client = core.createCiamClient({ credential, tenantId: profile.tenantId, cloud });
  return { client, close: () => client.close() };
}

/**
 * A custom cloud from `AZURE_AUTHORITY_HOST` plus `CIAM_GRAPH_ENDPOINT`, `CIAM_ARM_ENDPOINT` and
 * `CIAM_CA_FILE` (the Azure SDKs have no variables for Graph and ARM endpoints).
 */
function envCloud(core: Core, env: Readonly<Record<string, string | undefined>>): Cloud | undefined {
  const authorityHost = env.AZURE_AUTHORITY_HOST;
  const graphEndpoint = env.CIAM_GRAPH_ENDPOINT;
  const armEndpoint = env.CIAM_ARM_ENDPOINT;
  if (!authorityHost || !graphEndpoint) return undefined;
  let ca: string | undefined;
  if (env.CIAM_CA_FILE) {
    try {
      ca = readFileSync(env.CIAM_CA_FILE, "utf8");
    } catch {
      throw new UsageError(`CIAM_CA_FILE ${env.CIAM_CA_FILE} cannot be read.`);
    }
  }
  try {
    return core.customCloud({
      authorityHost,
      graphEndpoint,
      armEndpoint: armEndpoint || graphEndpoint,
      ...(ca === undefined ? {} : { ca }),
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
