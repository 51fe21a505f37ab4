import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { clientSecretCredential } from "../src/auth/client-secret.ts";
import { customCloud } from "../src/auth/clouds.ts";
import { createCiamClient } from "../src/client.ts";
import { errorKind } from "../src/error-kinds.ts";
import { listUsersOperation } from "../src/graph/users/list-users.ts";
import { ConnectionError } from "../src/http/errors.ts";
import { ProxyConfigurationError } from "../src/http/proxy.ts";
import type { ConnectProxy } from "./helpers/connect-proxy.ts";
import { startConnectProxy } from "./helpers/connect-proxy.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";

// HTTPS_PROXY/NO_PROXY are honoured by ciamkit itself (not only under NODE_USE_ENV_PROXY=1), for
// the token service (MSAL's requests), Graph and ARM, with the emulator's custom CA and without one.
const { t } = useCoreEmulator();
let proxy: ConnectProxy;

beforeAll(async () => {
  proxy = await startConnectProxy();
});
afterAll(() => proxy.close());
afterEach(() => {
  vi.unstubAllEnvs();
  proxy.tunnels.length = 0;
});

const hostOf = (url: string) => new URL(url).host;
const unset = (...names: string[]) => {
  for (const name of names) vi.stubEnv(name, undefined);
};

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** A client made while the variables are stubbed (the credential's and the client's transports). */
function freshClient() {
  return t.client({
    credential: clientSecretCredential({
      tenantId: t.tenant.tenantId,
      clientId: t.tenant.clientId,
      clientSecret: t.tenant.clientSecret,
      cloud: t.cloud,
    }),
  });
}

describe("HTTPS_PROXY and NO_PROXY", () => {
  it("with HTTPS_PROXY set, the token request, Graph and ARM go through the proxy's tunnels", async () => {
    unset("NO_PROXY", "no_proxy", "https_proxy", "NODE_USE_ENV_PROXY");
    vi.stubEnv("HTTPS_PROXY", proxy.url);
    const client = freshClient();
    const { items } = await client.run(listUsersOperation, { limit: 2 });
    expect(items.length).toBeGreaterThan(0);
    await client.arm
      .get(
        "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.AzureActiveDirectory/ciamDirectories",
        {
          query: { "api-version": "2023-05-17-preview" },
        },
      )
      .catch(() => undefined);
    expect(new Set(proxy.tunnels)).toEqual(
      new Set([hostOf(t.emu.loginUrl), hostOf(t.emu.graphUrl), hostOf(t.emu.armUrl)]),
    );
    await client.close();
  });

  it("with NO_PROXY naming the host, the same calls connect directly", async () => {
    unset("no_proxy", "https_proxy", "NODE_USE_ENV_PROXY");
    vi.stubEnv("HTTPS_PROXY", proxy.url);
    vi.stubEnv("NO_PROXY", new URL(t.emu.graphUrl).hostname);
    const client = freshClient();
    const { items } = await client.run(listUsersOperation, { limit: 2 });
    expect(items.length).toBeGreaterThan(0);
    expect(proxy.tunnels).toEqual([]);
    await client.close();
  });

  it("without a custom CA, requests still go through the proxy (here TLS then refuses the emulator's certificate)", async () => {
    unset("NO_PROXY", "no_proxy", "https_proxy", "NODE_USE_ENV_PROXY");
    vi.stubEnv("HTTPS_PROXY", proxy.url);
    const cloud = customCloud({
      name: "emulator-without-ca",
      authorityHost: t.emu.loginUrl,
      graphEndpoint: t.emu.graphUrl,
      armEndpoint: t.emu.armUrl,
      knownAuthorities: t.tenant.knownAuthorities,
    });
    const tokens = { getToken: async () => ({ token: "t", expiresOnTimestamp: Date.now() + 3_600_000 }) };
    const client = createCiamClient({
      credential: tokens,
      tenantId: t.tenant.tenantId,
      cloud,
      retry: { maxRetries: 0 },
    });
    const error = await client.run(listUsersOperation, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(proxy.tunnels).toEqual([hostOf(t.emu.graphUrl)]);
    await client.close();
  });

  it("a proxy variable that is not a proxy URL is a usage error naming it, without its value", () => {
    unset("NO_PROXY", "no_proxy", "https_proxy", "NODE_USE_ENV_PROXY");
    vi.stubEnv("HTTPS_PROXY", "proxy.contoso.com:8080-s3cret");
    expect(freshClient).toThrow(ProxyConfigurationError);
    expect(freshClient).toThrow(/^HTTPS_PROXY is not a proxy URL: set it to one such as http:\/\/proxy/);
    expect(freshClient).not.toThrow(/s3cret/);
    expect(errorKind(catchError(freshClient))).toBe("usage");
  });
});
