import { afterAll, beforeAll } from "vitest";
import type { CiamClient } from "../../src/client.ts";
import { createApplicationOperation } from "../../src/graph/applications/create-application.ts";
import { createIdentityProviderOperation } from "../../src/graph/identity-providers/create-identity-provider.ts";
import { createUserFlowAttributeOperation } from "../../src/graph/user-flow-attributes/create-user-flow-attribute.ts";
import { type CoreEmulator, lateBound, startCoreEmulator } from "./emulator.ts";

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

/** What the flow test files work with: the emulator, its client, and what `useFlowEmulator` created. */
export interface FlowFixture {
  t: CoreEmulator;
  client: CiamClient;
  /** The appId of the `index`th of the `apps` asked for. */
  app(index: number): string;
  /** The id of the custom attribute `LoyaltyTier`, when asked for. */
  loyalty(): string;
}

/**
 * Registers the hooks of a flow test file: one emulator per file (with Google, see `startFlowEmulator`),
 * the apps named in `apps` and, with `loyalty`, the custom attribute; stopped after the file. The
 * returned emulator and client read through to them once started: use them in hooks and tests.
 */
export function useFlowEmulator(options: { apps?: readonly string[]; loyalty?: boolean } = {}): FlowFixture {
  let env: { t: CoreEmulator; client: CiamClient; apps: string[]; loyalty: string } | undefined;
  beforeAll(async () => {
    const started = await startFlowEmulator();
    const apps: string[] = [];
    for (const name of options.apps ?? []) apps.push(await newAppId(started.client, name));
    const loyalty = options.loyalty === true ? await createLoyaltyAttribute(started.client) : "";
    env = { ...started, apps, loyalty };
  });
  afterAll(() => env?.t.stop());
  return {
    t: lateBound(() => env?.t),
    client: lateBound(() => env?.client),
    app: (index) => env?.apps[index] ?? "",
    loyalty: () => env?.loyalty ?? "",
  };
}
