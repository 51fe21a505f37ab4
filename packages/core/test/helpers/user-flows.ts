import type { CiamClient } from "../../src/client.ts";
import { createApplicationOperation } from "../../src/graph/applications/create-application.ts";
import { createIdentityProviderOperation } from "../../src/graph/identity-providers/create-identity-provider.ts";
import { createUserFlowAttributeOperation } from "../../src/graph/user-flow-attributes/create-user-flow-attribute.ts";
import { type CoreEmulator, startCoreEmulator } from "./emulator.ts";

/**
 * The emulator and the demo tenant's management client, with Google configured: flows can only
 * name identity providers the tenant has, and the user-flow tests add Google to theirs.
 */
export async function startFlowEmulator(): Promise<{ t: CoreEmulator; client: CiamClient }> {
  const t = await startCoreEmulator();
  const client = t.client();
  await client.run(createIdentityProviderOperation, {
    kind: "social",
    identityProviderType: "Google",
    clientId: "google-client",
    clientSecret: "google-secret",
  });
  return { t, client };
}

/** Creates the custom attribute `LoyaltyTier` (string) that the flow tests collect; returns its id. */
export async function createLoyaltyAttribute(client: CiamClient): Promise<string> {
  return (
    await client.run(createUserFlowAttributeOperation, { displayName: "LoyaltyTier", dataType: "string" })
  ).id;
}

/** Registers an app for the flow tests to link; returns its appId. */
export async function newAppId(client: CiamClient, displayName: string): Promise<string> {
  const app = await client.run(createApplicationOperation, { displayName });
  if (app.appId == null) throw new Error("no appId");
  return app.appId;
}
