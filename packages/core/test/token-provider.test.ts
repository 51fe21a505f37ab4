import { describe, expect, it } from "vitest";
import type { AccessToken, TokenProvider } from "../src/auth/token-provider.ts";
import { cachingTokenProvider } from "../src/auth/token-provider.ts";

function source(options: { lifetimeMs?: number; fail?: () => boolean } = {}) {
  const calls: string[] = [];
  let clock = 0;
  const release: (() => void)[] = [];
  const provider: TokenProvider = {
    getToken(scope) {
      calls.push(scope);
      const n = calls.length;
      return new Promise<AccessToken>((resolve, reject) => {
        release.push(() =>
          options.fail?.()
            ? reject(new Error("token service down"))
            : resolve({
                token: `${scope}#${n}`,
                expiresOnTimestamp: clock + (options.lifetimeMs ?? 3_600_000),
              }),
        );
      });
    },
  };
  return { provider, calls, release, now: () => clock, setNow: (t: number) => (clock = t) };
}

async function settle(release: (() => void)[]) {
  await Promise.resolve();
  while (release.length > 0) release.shift()?.();
  await new Promise((r) => setImmediate(r));
}

describe("cachingTokenProvider", () => {
  it("shares one in-flight request among concurrent callers of a scope", async () => {
    const s = source();
    const cache = cachingTokenProvider(s.provider, { now: s.now });
    const all = Promise.all([
      cache.getToken("graph"),
      cache.getToken("graph"),
      cache.getToken("graph"),
      cache.getToken("arm"),
    ]);
    await settle(s.release);
    const tokens = await all;
    expect(s.calls).toEqual(["graph", "arm"]);
    expect(tokens.map((t) => t.token)).toEqual(["graph#1", "graph#1", "graph#1", "arm#2"]);
  });

  it("reuses a token until five minutes before expiry, then refreshes", async () => {
    const s = source({ lifetimeMs: 3_600_000 });
    const cache = cachingTokenProvider(s.provider, { now: s.now });
    const first = cache.getToken("graph");
    await settle(s.release);
    await first;
    s.setNow(3_600_000 - 300_001);
    expect((await cache.getToken("graph")).token).toBe("graph#1");
    s.setNow(3_600_000 - 299_999);
    const second = cache.getToken("graph");
    await settle(s.release);
    expect((await second).token).toBe("graph#2");
  });

  it("falls back to the still-valid token when a refresh fails, and fails once it expired", async () => {
    let down = false;
    const s = source({ lifetimeMs: 600_000, fail: () => down });
    const cache = cachingTokenProvider(s.provider, { now: s.now });
    const first = cache.getToken("graph");
    await settle(s.release);
    await first;
    down = true;
    s.setNow(400_000);
    const during = cache.getToken("graph");
    await settle(s.release);
    expect((await during).token).toBe("graph#1");
    s.setNow(700_000);
    const after = expect(cache.getToken("graph")).rejects.toThrow("token service down");
    await settle(s.release);
    await after;
  });

  it("forceRefresh bypasses the cached token", async () => {
    const s = source();
    const cache = cachingTokenProvider(s.provider, { now: s.now });
    const a = cache.getToken("graph");
    await settle(s.release);
    await a;
    const b = cache.getToken("graph", { forceRefresh: true });
    await settle(s.release);
    expect((await b).token).toBe("graph#2");
  });

  it("a caller's abort ends its wait without cancelling the shared request", async () => {
    const s = source();
    const cache = cachingTokenProvider(s.provider, { now: s.now });
    const controller = new AbortController();
    const aborted = cache.getToken("graph", { signal: controller.signal });
    const other = cache.getToken("graph");
    controller.abort(new Error("bye"));
    await expect(aborted).rejects.toThrow("bye");
    await settle(s.release);
    expect((await other).token).toBe("graph#1");
    expect(s.calls).toHaveLength(1);
  });
});
