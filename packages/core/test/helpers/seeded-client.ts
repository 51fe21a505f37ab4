import { seedDirectory } from "@ciamkit/emulator";
import { clientSecretCredential } from "../../src/auth/client-secret.ts";
import type { CiamClient } from "../../src/client.ts";
import type { CoreEmulator } from "./emulator.ts";

/**
 * A client for a new app of the demo tenant that holds only `permissions` (Graph application
 * permissions granted by admin consent), to see what an operation does without the ones it needs.
 * The app is seeded straight into the emulator's store: no Graph calls, no audit entries. For an
 * app registered through ciamkit's own operations, use limited-app.ts.
 */
export function seededClient(t: CoreEmulator, name: string, permissions: readonly string[]): CiamClient {
  const state = t.emu.store.tenant(t.tenant.tenantId);
  if (state === undefined) throw new Error("no demo tenant");
  const app = seedDirectory(state, {
    seed: `limited:${name}`,
    apps: [{ displayName: name, graphPermissions: permissions }],
  }).apps[0];
  if (app?.secret == null) throw new Error("the limited app got no secret");
  return t.client({
    credential: clientSecretCredential({
      tenantId: t.tenant.tenantId,
      clientId: app.appId,
      clientSecret: app.secret,
      cloud: t.cloud,
    }),
  });
}
