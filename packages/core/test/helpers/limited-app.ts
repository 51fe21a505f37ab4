import { clientSecretCredential } from "../../src/auth/client-secret.ts";
import type { CiamClient } from "../../src/client.ts";
import { createCiamClient } from "../../src/client.ts";
import { addPasswordOperation } from "../../src/graph/applications/add-password.ts";
import { createApplicationOperation } from "../../src/graph/applications/create-application.ts";
import { createServicePrincipalOperation } from "../../src/graph/service-principals/create-service-principal.ts";
import { grantPermissionOperation } from "../../src/graph/service-principals/grant-permission.ts";
import { PermissionError } from "../../src/http/errors.ts";
import type { CoreEmulator } from "./emulator.ts";

/**
 * Registers an app through ciamkit's own operations with only the given Graph permissions and returns
 * a client signed in as it: the way to exercise "missing permission" against the emulator. For an
 * app seeded without Graph traffic, use seeded-client.ts.
 */
export async function limitedClient(
  t: CoreEmulator,
  admin: CiamClient,
  permissions: readonly string[],
): Promise<{ client: CiamClient; appId: string }> {
  const app = await admin.run(createApplicationOperation, {
    displayName: `limited ${permissions.join(" ") || "none"} ${Date.now()}`,
  });
  const appId = app.appId as string;
  const secret = await admin.run(addPasswordOperation, { appId, displayName: "test" });
  await admin.run(createServicePrincipalOperation, { appId });
  for (const permission of permissions) await admin.run(grantPermissionOperation, { appId, permission });
  const client = createCiamClient({
    credential: clientSecretCredential({
      tenantId: t.tenant.tenantId,
      clientId: appId,
      clientSecret: secret.secretText,
      cloud: t.cloud,
    }),
    tenantId: t.tenant.tenantId,
    cloud: t.cloud,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
    readAfterWrite: { delayMs: 20 },
  });
  return { client, appId };
}

/**
 * What `run` reports missing when it runs as an app granted only `permissions`: the permissions the
 * PermissionError it must fail with names (the app's client is closed after).
 */
export async function missingPermissions(
  t: CoreEmulator,
  admin: CiamClient,
  permissions: readonly string[],
  run: (client: CiamClient) => Promise<unknown>,
): Promise<readonly string[]> {
  const { client } = await limitedClient(t, admin, permissions);
  try {
    const error = await run(client).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof PermissionError))
      throw new Error(`expected a PermissionError, got ${String(error)}`);
    return error.requiredPermissions;
  } finally {
    await client.close();
  }
}
