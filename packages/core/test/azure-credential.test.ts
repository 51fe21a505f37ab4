import { ClientSecretCredential } from "@azure/identity";
import { describe, expect, it } from "vitest";
import type { AzureTokenCredential } from "../src/auth/azure-credential.ts";
import { createCiamClient } from "../src/client.ts";
import { listUsersOperation } from "../src/graph/users/list-users.ts";
import { AuthenticationError } from "../src/http/errors.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";

const { t } = useCoreEmulator();

const graphRequests = () => t.emu.control.monitor.requests(1000).filter((r) => r.service === "graph").length;

describe("an Azure SDK credential as a client's credential", () => {
  it("@azure/identity's ClientSecretCredential signs in at the emulator and lists users", async () => {
    const credential = new ClientSecretCredential(
      t.tenant.tenantId,
      t.tenant.clientId,
      t.tenant.clientSecret,
      {
        authorityHost: t.emu.loginUrl,
        disableInstanceDiscovery: true,
        tlsOptions: { ca: t.emu.caCertPem },
      },
    );
    const client = createCiamClient({ credential, tenantId: t.tenant.tenantId, cloud: t.cloud });
    try {
      const { items } = await client.run(listUsersOperation, { limit: 5 });
      expect(items.length).toBeGreaterThan(0);
      expect(items[0]).toHaveProperty("id");
    } finally {
      await client.close();
    }
  });

  it("a credential that finds no token gets an error saying so, and nothing is sent to Graph", async () => {
    const empty: AzureTokenCredential = { getToken: async () => null };
    const client = createCiamClient({ credential: empty, tenantId: t.tenant.tenantId, cloud: t.cloud });
    const before = graphRequests();
    const error = await client.run(listUsersOperation, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: "NoToken" });
    expect((error as Error).message).toMatch(/returned no access token.*az login/);
    expect(graphRequests()).toBe(before);
  });

  it("the request's signal reaches the Azure SDK credential as abortSignal", async () => {
    const seen: unknown[] = [];
    const recording: AzureTokenCredential = {
      getToken: async (_scopes, options) => {
        seen.push(options?.abortSignal);
        return { token: "not-a-token", expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    };
    const client = createCiamClient({ credential: recording, tenantId: t.tenant.tenantId, cloud: t.cloud });
    const controller = new AbortController();
    await client.run(listUsersOperation, {}, { signal: controller.signal }).catch(() => undefined);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]).toBeInstanceOf(AbortSignal);
  });
});
