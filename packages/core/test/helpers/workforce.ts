import type { WorkforceConnection } from "@ciamkit/emulator";
import { clientCertificateCredential } from "../../src/auth/client-certificate.ts";
import { deviceCodeCredential } from "../../src/auth/device-code.ts";
import type { TokenProvider } from "../../src/auth/token-provider.ts";
import { type CiamClient, createCiamClient } from "../../src/client.ts";
import { type CoreEmulator, startCoreEmulator } from "./emulator.ts";

/** How a device-code prompt gets approved: in-process, or through the control API as a person would. */
export type Approval = "in-process" | "control-api";

/**
 * The emulator with its workforce tenant, for tests that create external tenants through ARM and
 * then administer them: device-code sign-ins of workforce users and certificate sign-ins of apps.
 */
export interface WorkforceEmulator {
  t: CoreEmulator;
  w: WorkforceConnection;
  /** A device-code credential for `upn` in `tenantId` (the workforce tenant by default). */
  deviceCode(upn: string, tenantId?: string): TokenProvider;
  /** A client signed in by device code as `upn`; closed by {@link WorkforceEmulator.stop}. */
  signIn(upn: string, tenantId?: string): CiamClient;
  /** A client for an app of `tenantId` signing in with its own certificate; closed by stop. */
  certificateApp(tenantId: string, appId: string, certificate: { cert: string; key: string }): CiamClient;
  /** Closes every client made here, then stops the emulator. */
  stop(): Promise<void>;
}

/** Starts the emulator with a one-second device-code interval and the given ARM provisioning time. */
export async function startWorkforceEmulator(options: {
  provisioningSeconds: number;
  approval?: Approval;
}): Promise<WorkforceEmulator> {
  const t = await startCoreEmulator({
    deviceCode: { intervalSeconds: 1 },
    arm: { provisioningSeconds: options.provisioningSeconds },
  });
  const w = t.emu.workforce;
  if (w === undefined) {
    await t.stop();
    throw new Error("the demo seed has no workforce tenant");
  }
  const clients: CiamClient[] = [];
  const track = (client: CiamClient) => {
    clients.push(client);
    return client;
  };
  const deviceCode = (upn: string, tenantId = w.tenantId) =>
    deviceCodeCredential({
      tenantId,
      clientId: w.publicClientId,
      cloud: t.cloud,
      tokenCachePath: false,
      onPrompt:
        options.approval === "control-api"
          ? async (prompt) => {
              await t.control("POST", "/device-codes/approve", {
                userCode: prompt.userCode,
                userPrincipalName: upn,
              });
            }
          : (prompt) => {
              t.emu.control.approveDeviceCode(prompt.userCode, upn);
            },
    });
  return {
    t,
    w,
    deviceCode,
    signIn: (upn, tenantId = w.tenantId) =>
      track(createCiamClient({ credential: deviceCode(upn, tenantId), tenantId, cloud: t.cloud })),
    certificateApp: (tenantId, appId, certificate) =>
      track(
        createCiamClient({
          credential: clientCertificateCredential({
            tenantId,
            clientId: appId,
            certificate: certificate.cert,
            privateKey: certificate.key,
            cloud: t.cloud,
          }),
          tenantId,
          cloud: t.cloud,
        }),
      ),
    async stop() {
      await Promise.all(clients.map((c) => c.close()));
      await t.stop();
    },
  };
}

/** The poll token of a started tenant creation or deletion; ARM finishing at once (no token) fails the test. */
export function pollTokenOf(started: { pollToken?: string | undefined }): string {
  if (started.pollToken === undefined) throw new Error("ARM finished at once: the result has no pollToken");
  return started.pollToken;
}
