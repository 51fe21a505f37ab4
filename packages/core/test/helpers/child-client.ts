// The two halves of running core in a child process against the test emulator: the parent passes
// the demo tenant's connection as JSON in an environment variable (test data only: the emulator's
// demo secret), the child builds its client from it.
import { clientSecretCredential } from "../../src/auth/client-secret.ts";
import { customCloud } from "../../src/auth/clouds.ts";
import { type CiamClient, createCiamClient } from "../../src/client.ts";
import type { CoreEmulator } from "./emulator.ts";

/** How a child reaches the emulator's demo tenant. */
interface ChildConnection {
  loginUrl: string;
  graphUrl: string;
  armUrl: string;
  ca: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  knownAuthorities: string[];
}

/** Parent side: the environment variable `name` holding the connection plus the child's own `extra` settings. */
export function childEnv(t: CoreEmulator, name: string, extra: Record<string, unknown>): NodeJS.ProcessEnv {
  const connection: ChildConnection = {
    loginUrl: t.emu.loginUrl,
    graphUrl: t.emu.graphUrl,
    armUrl: t.emu.armUrl,
    ca: t.emu.caCertPem,
    tenantId: t.tenant.tenantId,
    clientId: t.tenant.clientId,
    clientSecret: t.tenant.clientSecret,
    knownAuthorities: t.tenant.knownAuthorities,
  };
  return { ...process.env, [name]: JSON.stringify({ ...connection, ...extra }) };
}

/** Child side: a client for the demo tenant, and the settings the parent added, read from `name`. */
export function childClient<T>(name: string): { client: CiamClient; settings: T } {
  const config = JSON.parse(process.env[name] ?? "{}") as ChildConnection & T;
  const cloud = customCloud({
    name: "emulator",
    authorityHost: config.loginUrl,
    graphEndpoint: config.graphUrl,
    armEndpoint: config.armUrl,
    knownAuthorities: config.knownAuthorities,
    ca: config.ca,
  });
  const client = createCiamClient({
    credential: clientSecretCredential({
      tenantId: config.tenantId,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      cloud,
    }),
    tenantId: config.tenantId,
    cloud,
  });
  return { client, settings: config };
}
