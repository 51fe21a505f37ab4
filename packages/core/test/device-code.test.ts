import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import type { DeviceCodePrompt } from "../src/auth/device-code.ts";
import { deviceCodeCredential } from "../src/auth/device-code.ts";
import { selectCacheEntries } from "../src/auth/token-cache-file.ts";
import { listUsersOperation } from "../src/graph/users/list-users.ts";
import { AuthenticationError, ConnectionError } from "../src/http/errors.ts";
import type { LogEntry } from "../src/http/logger.ts";
import { credentialFromProfile } from "../src/profiles/profile-credential.ts";
import type { Profile } from "../src/profiles/profile-schema.ts";
import { profileTokenCachePath } from "../src/profiles/profile-store.ts";
import { startCoreEmulator, useCoreEmulator } from "./helpers/emulator.ts";

const GRAPH = "https://graph.microsoft.com/.default";
const ARM = "https://management.azure.com/.default";

const { t } = useCoreEmulator({ emulator: { deviceCode: { intervalSeconds: 1 } } });

function admin(): string {
  const upn = t.tenant.adminUser?.userPrincipalName;
  if (upn === undefined) throw new Error("the demo tenant has no admin");
  return upn;
}

/** Another seeded user of the demo tenant, to approve a second profile's sign-in. */
function otherUser(): string {
  const users = [...(t.emu.store.tenant(t.tenant.tenantId)?.collection("users").values() ?? [])];
  const other = users.find((u) => u.userPrincipalName !== admin() && u.accountEnabled !== false);
  if (other === undefined) throw new Error("the demo tenant has a single user");
  return String(other.userPrincipalName);
}

/** An `onPrompt` that records prompts and has `upn` approve each code through the control API. */
function approvingAs(upn: string, prompts: DeviceCodePrompt[]) {
  return (prompt: DeviceCodePrompt) => {
    prompts.push(prompt);
    void t.control("POST", "/device-codes/approve", { userCode: prompt.userCode, userPrincipalName: upn });
  };
}

const tempDir = (name: string) => mkdtempSync(join(tmpdir(), `ciamkit-${name}-`));

describe("device code with refresh tokens", () => {
  it("signs in once for Graph, then gets ARM tokens silently, in this run and the next", async () => {
    const cachePath = join(tempDir("dc"), "cache.json");
    const prompts: DeviceCodePrompt[] = [];
    const make = () =>
      deviceCodeCredential({
        tenantId: t.tenant.tenantId,
        clientId: t.tenant.publicClientId,
        cloud: t.cloud,
        tokenCachePath: cachePath,
        onPrompt: approvingAs(admin(), prompts),
      });
    const credential = make();
    expect(decodeJwt((await credential.getToken(GRAPH)).token).aud).toBe("https://graph.microsoft.com");
    const arm = await credential.getToken(ARM);
    expect(prompts).toHaveLength(1);
    expect(decodeJwt(arm.token)).toMatchObject({ aud: "https://management.azure.com/", upn: admin() });
    // The refresh token is on disk (owner-only), so the next run needs no prompt for either resource.
    expect(readFileSync(cachePath, "utf8")).toContain('"RefreshToken"');
    expect(statSync(cachePath).mode & 0o777).toBe(0o600);
    const next = make();
    expect(decodeJwt((await next.getToken(ARM, { forceRefresh: true })).token).upn).toBe(admin());
    expect(prompts).toHaveLength(1);
    await Promise.all([credential.close?.(), next.close?.()]);
  }, 30_000);

  it("prompts again once the refresh token is revoked (AADSTS50173); the new sign-in replaces the old", async () => {
    const cachePath = join(tempDir("revoked"), "cache.json");
    const prompts: DeviceCodePrompt[] = [];
    let approver = admin();
    const credential = deviceCodeCredential({
      tenantId: t.tenant.tenantId,
      clientId: t.tenant.publicClientId,
      cloud: t.cloud,
      tokenCachePath: cachePath,
      onPrompt: (prompt) => approvingAs(approver, prompts)(prompt),
    });
    await credential.getToken(GRAPH);
    const client = t.client();
    await client.graph.post(`/users/${admin()}/revokeSignInSessions`, {});
    approver = otherUser();
    const token = await credential.getToken(ARM);
    expect(prompts).toHaveLength(2);
    expect(decodeJwt(token.token)).toMatchObject({ aud: "https://management.azure.com/", upn: otherUser() });
    // Only the new sign-in is left in the cache, so the next run uses it.
    const cached = JSON.parse(readFileSync(cachePath, "utf8")) as { Account: Record<string, unknown> };
    expect(Object.keys(cached.Account)).toHaveLength(1);
    await credential.close?.();
  }, 30_000);

  it("a token service that cannot be reached is an error, not a new prompt", async () => {
    const short = await startCoreEmulator({ deviceCode: { intervalSeconds: 1 } });
    const prompts: DeviceCodePrompt[] = [];
    const credential = deviceCodeCredential({
      tenantId: short.tenant.tenantId,
      clientId: short.tenant.publicClientId,
      cloud: short.cloud,
      tokenCachePath: false,
      onPrompt: (prompt) => {
        prompts.push(prompt);
        void short.control("POST", "/device-codes/approve", {
          userCode: prompt.userCode,
          userPrincipalName: short.tenant.adminUser?.userPrincipalName,
        });
      },
    });
    await credential.getToken(GRAPH);
    await short.stop();
    const error = await credential.getToken(ARM).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(prompts).toHaveLength(1);
    await credential.close?.();
  }, 30_000);
});

/** A device-code profile of the demo tenant's public client, trusting the emulator's CA. */
const profile = (name: string): Profile => ({
  name,
  tenantId: t.tenant.tenantId,
  clientId: t.tenant.publicClientId,
  cloud: {
    kind: "custom",
    authorityHost: t.emu.loginUrl,
    graphEndpoint: t.emu.graphUrl,
    armEndpoint: t.emu.armUrl,
    caPath: (() => {
      const file = join(tempDir("ca"), "ca.pem");
      writeFileSync(file, t.emu.caCertPem);
      return file;
    })(),
  },
  credential: { kind: "device-code" },
});

describe("device code without a person to answer", () => {
  const deviceCodeRequests = () =>
    t.emu.control.monitor.requests().filter((r) => r.path.includes("/devicecode")).length;

  it("without onPrompt, a profile with no usable sign-in fails at once and requests no device code", async () => {
    const before = deviceCodeRequests();
    const credential = credentialFromProfile(profile("ci"), {
      configDir: tempDir("ci-config"),
      legacyTokenCachePath: false,
    });
    const error = await credential.getToken(GRAPH).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ service: "login", code: "interaction_required" });
    expect((error as Error).message).toBe(
      `Sign-in failed (interaction_required): the saved sign-in of profile 'ci' cannot be used (none yet, expired or revoked), and this run has no terminal to show a device code on. Run \`ciam login --profile ci --tenant ${t.tenant.tenantId} --client-id ${t.tenant.publicClientId}\` in a terminal, then retry.`,
    );
    expect(deviceCodeRequests()).toBe(before);
    await credential.close?.();
  });

  it("a sign-in still waiting when the attempt's deadline passes names the token service, not Graph", async () => {
    const prompts: DeviceCodePrompt[] = [];
    const client = t.client({
      credential: deviceCodeCredential({
        tenantId: t.tenant.tenantId,
        clientId: t.tenant.publicClientId,
        cloud: t.cloud,
        tokenCachePath: false,
        onPrompt: (prompt) => prompts.push(prompt),
      }),
      timeoutMs: 1500,
      retry: { maxRetries: 0 },
    });
    const graphBefore = t.emu.control.monitor.counters().byService.graph ?? 0;
    const error = await client.run(listUsersOperation, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ service: "login", code: "Timeout", requestMayHaveBeenSent: false });
    expect((error as Error).message).toMatch(
      /^The token service gave no access token for Graph within 1500 ms/,
    );
    expect(t.emu.control.monitor.counters().byService.graph ?? 0).toBe(graphBefore);
    // The person approves late: the sign-in ends instead of polling on after the test.
    expect(prompts).toHaveLength(1);
    await t.control("POST", "/device-codes/approve", {
      userCode: prompts[0]?.userCode,
      userPrincipalName: admin(),
    });
    await client.close();
  }, 30_000);
});

describe("device code secrets", () => {
  it("the refresh token and access tokens appear in no log line or error, also when the token is refused", async () => {
    const cachePath = join(tempDir("leak"), "cache.json");
    const logs: LogEntry[] = [];
    const prompts: DeviceCodePrompt[] = [];
    let refuse = false;
    const credential = deviceCodeCredential({
      tenantId: t.tenant.tenantId,
      clientId: t.tenant.publicClientId,
      cloud: t.cloud,
      tokenCachePath: cachePath,
      logger: (entry) => logs.push(entry),
      onPrompt: (prompt) => {
        if (refuse) throw new Error("no interactive sign-in here");
        approvingAs(admin(), prompts)(prompt);
      },
    });
    const tokens = [(await credential.getToken(GRAPH)).token, (await credential.getToken(ARM)).token];
    const cached = JSON.parse(readFileSync(cachePath, "utf8")) as {
      RefreshToken: Record<string, { secret: string }>;
    };
    const refreshTokens = Object.values(cached.RefreshToken).map((r) => r.secret);
    expect(refreshTokens).toHaveLength(1);
    await t.client().graph.post(`/users/${admin()}/revokeSignInSessions`, {});
    refuse = true;
    const error = await credential.getToken(ARM, { forceRefresh: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const seen = [
      ...logs.map((l) => JSON.stringify(l)),
      String((error as Error).message),
      JSON.stringify(error),
    ].join("\n");
    for (const secret of [...refreshTokens, ...tokens]) expect(seen).not.toContain(secret);
    await credential.close?.();
  }, 30_000);
});

describe("a token cache per profile", () => {
  it("two device-code profiles of one app keep their own sign-ins, each in an owner-only file", async () => {
    const configDir = tempDir("cfg");
    const adminPrompts: DeviceCodePrompt[] = [];
    const otherPrompts: DeviceCodePrompt[] = [];
    const first = credentialFromProfile(profile("admin"), {
      configDir,
      legacyTokenCachePath: false,
      onPrompt: approvingAs(admin(), adminPrompts),
    });
    const second = credentialFromProfile(profile("helpdesk"), {
      configDir,
      legacyTokenCachePath: false,
      onPrompt: approvingAs(otherUser(), otherPrompts),
    });
    expect(decodeJwt((await first.getToken(GRAPH)).token).upn).toBe(admin());
    expect(decodeJwt((await second.getToken(GRAPH)).token).upn).toBe(otherUser());
    expect([adminPrompts.length, otherPrompts.length]).toEqual([1, 1]);
    for (const name of ["admin", "helpdesk"]) {
      const file = profileTokenCachePath(name, configDir);
      expect(file).toBe(join(configDir, "token-cache", `${name}.json`));
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
    expect(statSync(join(configDir, "token-cache")).mode & 0o777).toBe(0o700);
    // A later run of each profile signs in silently as its own user.
    const again = credentialFromProfile(profile("helpdesk"), {
      configDir,
      legacyTokenCachePath: false,
      onPrompt: approvingAs(admin(), otherPrompts),
    });
    expect(decodeJwt((await again.getToken(ARM)).token).upn).toBe(otherUser());
    expect(otherPrompts).toHaveLength(1);
    await Promise.all([first.close?.(), second.close?.(), again.close?.()]);
  }, 30_000);

  it("takes its account from the cache file earlier versions shared, once, without a new sign-in", async () => {
    const legacy = join(tempDir("legacy"), "msal-cache.json");
    const prompts: DeviceCodePrompt[] = [];
    const old = deviceCodeCredential({
      tenantId: t.tenant.tenantId,
      clientId: t.tenant.publicClientId,
      cloud: t.cloud,
      tokenCachePath: legacy,
      onPrompt: approvingAs(admin(), prompts),
    });
    await old.getToken(GRAPH);
    const configDir = tempDir("cfg");
    const migrated = credentialFromProfile(profile("upgraded"), {
      configDir,
      legacyTokenCachePath: legacy,
      onPrompt: approvingAs(admin(), prompts),
    });
    expect(decodeJwt((await migrated.getToken(ARM)).token).upn).toBe(admin());
    expect(prompts).toHaveLength(1);
    expect(readFileSync(profileTokenCachePath("upgraded", configDir), "utf8")).toContain('"RefreshToken"');
    await Promise.all([old.close?.(), migrated.close?.()]);
  }, 30_000);
});

describe("selectCacheEntries (migration from the shared cache)", () => {
  const entry = (account: string, client: string, env = "login.example") => ({
    home_account_id: account,
    client_id: client,
    environment: env,
  });
  const cache = (tokens: ReturnType<typeof entry>[]) =>
    JSON.stringify({
      Account: Object.fromEntries(
        tokens.map((e) => [e.home_account_id, { home_account_id: e.home_account_id }]),
      ),
      RefreshToken: Object.fromEntries(tokens.map((e, i) => [`rt-${i}`, e])),
      AccessToken: {},
      IdToken: {},
      AppMetadata: {},
    });
  const migration = { from: "", clientId: "CLIENT", environment: "login.example" };

  it.each([
    { name: "one account of this client", tokens: [entry("a", "client")], kept: 1 },
    {
      name: "this client's one account among others'",
      tokens: [entry("a", "client"), entry("b", "other")],
      kept: 1,
    },
    {
      name: "two accounts of this client (ambiguous)",
      tokens: [entry("a", "client"), entry("b", "client")],
      kept: 0,
    },
    { name: "only another client's", tokens: [entry("a", "other")], kept: 0 },
    { name: "only another authority host's", tokens: [entry("a", "client", "elsewhere")], kept: 0 },
  ])("$name -> $kept account(s)", ({ tokens, kept }) => {
    const selected = selectCacheEntries(cache(tokens), migration);
    if (kept === 0) expect(selected).toBeUndefined();
    else {
      const parsed = JSON.parse(selected as string) as { Account: object; RefreshToken: object };
      expect(Object.keys(parsed.Account)).toHaveLength(kept);
      expect(Object.keys(parsed.RefreshToken)).toHaveLength(kept);
    }
  });

  it("a damaged shared cache is ignored", () => {
    expect(selectCacheEntries("{not json", migration)).toBeUndefined();
  });
});
