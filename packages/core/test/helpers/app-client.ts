import { b2cDemoConnection } from "@ciamkit/emulator";
import { clientSecretCredential } from "../../src/auth/client-secret.ts";
import type { CiamClient } from "../../src/client.ts";
import { createCiamClient } from "../../src/client.ts";
import type { Logger } from "../../src/http/logger.ts";
import type { CoreEmulator } from "./emulator.ts";

/** A client for the demo B2C tenant's management app (custom policies and policy keys). */
export function b2cClient(e: CoreEmulator, logger?: Logger): CiamClient {
  const conn = b2cDemoConnection(e.emu.store, e.emu.loginUrl);
  if (conn === undefined) throw new Error("the emulator seeded no B2C tenant");
  return createCiamClient({
    credential: clientSecretCredential({
      tenantId: conn.tenantId,
      clientId: conn.clientId,
      clientSecret: conn.clientSecret,
      cloud: e.cloud,
    }),
    tenantId: conn.tenantId,
    cloud: e.cloud,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
    ...(logger === undefined ? {} : { logger }),
  });
}
