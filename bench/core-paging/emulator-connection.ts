// The emulator child both scripts measure against, and the ciamkit cloud and credential pointing at
// it: one place, so that run.ts and its bare-fetch baseline walk the very same tenant.
import { type ChildProcess, fork } from "node:child_process";
import { type Cloud, clientSecretCredential, customCloud, type TokenProvider } from "@ciamkit/core";
import type { TenantConnection } from "@ciamkit/emulator";

/** What emulator-child.ts sends once it listens and has seeded its users. */
export interface Ready {
  loginUrl: string;
  graphUrl: string;
  armUrl: string;
  caCertPem: string;
  tenant: TenantConnection;
  users: number;
}

/** Forks emulator-child.ts (BENCH_USERS from the environment) and waits until it is ready. */
export async function connectEmulatorChild(): Promise<{
  child: ChildProcess;
  ready: Ready;
  cloud: Cloud;
  credential: TokenProvider;
}> {
  const child = fork(new URL("./emulator-child.ts", import.meta.url), {
    execArgv: ["--conditions=@ciamkit/source"],
    env: process.env,
  });
  const ready = await new Promise<Ready>((resolve) => child.once("message", (m) => resolve(m as Ready)));
  const cloud = customCloud({
    authorityHost: ready.loginUrl,
    graphEndpoint: ready.graphUrl,
    armEndpoint: ready.armUrl,
    knownAuthorities: ready.tenant.knownAuthorities,
    ca: ready.caCertPem,
  });
  const credential = clientSecretCredential({
    tenantId: ready.tenant.tenantId,
    clientId: ready.tenant.clientId,
    clientSecret: ready.tenant.clientSecret,
    cloud,
  });
  return { child, ready, cloud, credential };
}

/** Bytes to megabytes with one decimal, as the README's tables show them. */
export const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
