import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TokenProvider } from "../src/auth/token-provider.ts";
import { ConnectionError } from "../src/http/errors.ts";
import type { LogEntry } from "../src/http/logger.ts";
import type { PipelinePolicy } from "../src/http/pipeline.ts";
import { createPipeline } from "../src/http/pipeline.ts";
import { bearerTokenPolicy } from "../src/http/policies/bearer-token.ts";
import { clientRequestIdPolicy } from "../src/http/policies/client-request-id.ts";
import { loggingPolicy } from "../src/http/policies/logging.ts";
import { readAfterWritePolicy } from "../src/http/policies/read-after-write.ts";
import { throttleGatePolicy } from "../src/http/policies/throttle-gate.ts";
import { timeoutPolicy } from "../src/http/policies/timeout.ts";
import { userAgentPolicy } from "../src/http/policies/user-agent.ts";
import { RETRY_AFTER_MARGIN_MS } from "../src/http/retry-after.ts";
import { CIAMKIT_VERSION } from "../src/version.ts";
import { fakeTransport, request } from "./helpers/fake-transport.ts";

describe("pipeline order", () => {
  it("runs policies in order on the way out and in reverse on the way back", async () => {
    const trail: string[] = [];
    const policy = (name: string): PipelinePolicy => ({
      name,
      async sendRequest(req, next) {
        trail.push(`>${name}`);
        const res = await next(req);
        trail.push(`<${name}`);
        return res;
      },
    });
    const { send } = fakeTransport(() => ({ status: 200 }));
    await createPipeline([policy("a"), policy("b")], send)(request());
    expect(trail).toEqual([">a", ">b", "<b", "<a"]);
  });
});

describe("clientRequestIdPolicy", () => {
  it("sets one id per call, kept across retries, on the service's header", async () => {
    const { send, seen } = fakeTransport(() => ({ status: 200 }));
    let n = 0;
    const policy = clientRequestIdPolicy(() => `id-${++n}`);
    const req = request();
    await policy.sendRequest(req, send);
    await policy.sendRequest(req, send);
    expect(seen.map((s) => s.headers["client-request-id"])).toEqual(["id-1", "id-1"]);
    await policy.sendRequest(request({ service: "arm" }), send);
    expect(seen[2]?.headers["x-ms-client-request-id"]).toBe("id-2");
  });
  it("keeps a caller's id", async () => {
    const { send, seen } = fakeTransport(() => ({ status: 200 }));
    await clientRequestIdPolicy().sendRequest(
      request({ headers: new Headers({ "client-request-id": "mine" }) }),
      send,
    );
    expect(seen[0]?.headers["client-request-id"]).toBe("mine");
  });
});

describe("userAgentPolicy", () => {
  it("sends ciamkit/<version> with the caller's product", async () => {
    const { send, seen } = fakeTransport(() => ({ status: 200 }));
    await userAgentPolicy("pipeline/2").sendRequest(request(), send);
    expect(seen[0]?.headers["user-agent"]).toMatch(
      new RegExp(`^ciamkit/${CIAMKIT_VERSION.replaceAll(".", "\\.")} pipeline/2 node/`),
    );
  });
});

describe("bearerTokenPolicy", () => {
  const provider = () => {
    const calls: { scope: string; force: boolean }[] = [];
    const tokens: TokenProvider = {
      async getToken(scope, options) {
        calls.push({ scope, force: options?.forceRefresh === true });
        return { token: `tok-${calls.length}`, expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    };
    return { tokens, calls };
  };

  it("asks for the request's scope and sets Authorization", async () => {
    const { tokens, calls } = provider();
    const { send, seen } = fakeTransport(() => ({ status: 200 }));
    await bearerTokenPolicy(tokens).sendRequest(
      request({ scope: "https://management.azure.com/.default" }),
      send,
    );
    expect(calls).toEqual([{ scope: "https://management.azure.com/.default", force: false }]);
    expect(seen[0]?.headers.authorization).toBe("Bearer tok-1");
  });
  it("retries a 401 once with a freshly issued token", async () => {
    const { tokens, calls } = provider();
    const { send, seen } = fakeTransport((_r, i) => (i === 0 ? { status: 401 } : { status: 200 }));
    const res = await bearerTokenPolicy(tokens).sendRequest(request({ scope: "s" }), send);
    expect(res.status).toBe(200);
    expect(calls.map((c) => c.force)).toEqual([false, true]);
    expect(seen.map((s) => s.headers.authorization)).toEqual(["Bearer tok-1", "Bearer tok-2"]);
  });
  it("refuses to send a token over plain http", async () => {
    const { tokens, calls } = provider();
    const { send, seen } = fakeTransport(() => ({ status: 200 }));
    await expect(
      bearerTokenPolicy(tokens).sendRequest(
        request({ scope: "s", url: "http://127.0.0.1/v1.0/users" }),
        send,
      ),
    ).rejects.toThrow(/plain http/);
    expect(calls).toHaveLength(0);
    expect(seen).toHaveLength(0);
  });
  it("sends no token for requests without a scope", async () => {
    const { tokens } = provider();
    const { send, seen } = fakeTransport(() => ({ status: 200 }));
    await bearerTokenPolicy(tokens).sendRequest(request(), send);
    expect(seen[0]?.headers.authorization).toBeUndefined();
  });
});

describe("timeoutPolicy", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const hanging = (req: { signal?: AbortSignal | undefined }) =>
    new Promise<never>((_resolve, reject) =>
      req.signal?.addEventListener("abort", () => reject(req.signal?.reason)),
    );

  it("turns a stalled attempt into a Timeout ConnectionError", async () => {
    const result = timeoutPolicy(5000).sendRequest(request(), (req) => hanging(req));
    const assertion = expect(result).rejects.toMatchObject({
      name: "ConnectionError",
      code: "Timeout",
      requestMayHaveBeenSent: true,
    });
    await vi.advanceTimersByTimeAsync(5000);
    await assertion;
  });
  it("honours a per-request timeout", async () => {
    const result = timeoutPolicy(5000).sendRequest(request({ timeoutMs: 100 }), (req) => hanging(req));
    const assertion = expect(result).rejects.toBeInstanceOf(ConnectionError);
    await vi.advanceTimersByTimeAsync(100);
    await assertion;
  });
  it("rethrows the caller's abort as is", async () => {
    const controller = new AbortController();
    const result = timeoutPolicy(5000).sendRequest(request({ signal: controller.signal }), (req) =>
      hanging(req),
    );
    const assertion = expect(result).rejects.toThrow("caller gave up");
    controller.abort(new Error("caller gave up"));
    await assertion;
  });
});

describe("readAfterWritePolicy", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  it("retries a fresh object's 404 with growing waits", async () => {
    const { send, seen } = fakeTransport((_r, i) => (i < 2 ? { status: 404 } : { status: 200 }));
    const result = readAfterWritePolicy({ delayMs: 100 }).sendRequest(
      request({ readAfterWrite: true }),
      send,
    );
    await vi.advanceTimersByTimeAsync(100);
    expect(seen).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(200);
    expect((await result).status).toBe(200);
  });
  it("gives up after its retries and returns the 404", async () => {
    const { send, seen } = fakeTransport(() => ({ status: 404 }));
    const result = readAfterWritePolicy({ retries: 2, delayMs: 10 }).sendRequest(
      request({ readAfterWrite: true }),
      send,
    );
    await vi.advanceTimersByTimeAsync(1000);
    expect((await result).status).toBe(404);
    expect(seen).toHaveLength(3);
  });
  it("leaves unmarked requests alone", async () => {
    const { send, seen } = fakeTransport(() => ({ status: 404 }));
    expect((await readAfterWritePolicy().sendRequest(request(), send)).status).toBe(404);
    expect(seen).toHaveLength(1);
  });
});

describe("loggingPolicy", () => {
  it("logs method, redacted URL and headers, status and request id, never secrets", async () => {
    const entries: LogEntry[] = [];
    const { send } = fakeTransport(() => ({ status: 403, headers: { "request-id": "rid-1" } }));
    const headers = new Headers({
      authorization: "Bearer eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl",
      "x-custom": "ok",
    });
    await loggingPolicy((e) => entries.push(e)).sendRequest(
      request({
        url: "https://login.example/t?code=AUTHCODE123&client_assertion=eyJabc.eyJdef.sig&x=1",
        headers,
      }),
      send,
    );
    const text = JSON.stringify(entries);
    expect(entries.map((e) => e.event)).toEqual(["http.request", "http.response"]);
    expect(entries[1]).toMatchObject({ level: "warn", data: { status: 403, requestId: "rid-1" } });
    expect(text).toContain("x=1");
    expect(text).toContain('"x-custom":"ok"');
    for (const secret of ["AUTHCODE123", "eyJhbGciOi", "eyJabc"]) expect(text).not.toContain(secret);
  });
  it("logs failures and rethrows them", async () => {
    const entries: LogEntry[] = [];
    await expect(
      loggingPolicy((e) => entries.push(e)).sendRequest(request(), () => Promise.reject(new Error("boom"))),
    ).rejects.toThrow("boom");
    expect(entries[1]).toMatchObject({ level: "warn", event: "http.error" });
  });
});

describe("throttleGatePolicy", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("holds other requests to the same service until a 429's Retry-After has passed", async () => {
    const gate = throttleGatePolicy();
    const { send, seen } = fakeTransport((_r, i) =>
      i === 0 ? { status: 429, headers: { "retry-after": "2" } } : { status: 200 },
    );
    expect((await gate.sendRequest(request(), send)).status).toBe(429);
    const held = gate.sendRequest(request(), send);
    const arm = await gate.sendRequest(request({ service: "arm" }), send);
    expect(arm.status).toBe(200);
    expect(seen).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1999 + RETRY_AFTER_MARGIN_MS);
    expect(seen).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect((await held).status).toBe(200);
    expect(seen).toHaveLength(3);
  });

  it("lets requests through at once when nothing was throttled", async () => {
    const { send, seen } = fakeTransport(() => ({ status: 503 }));
    const gate = throttleGatePolicy();
    await gate.sendRequest(request(), send);
    await gate.sendRequest(request(), send);
    expect(seen).toHaveLength(2);
  });
});
