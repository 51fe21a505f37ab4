import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ConnectionError, ThrottledError } from "../src/http/errors.ts";
import type { PipelineRequest } from "../src/http/pipeline.ts";
import { retryPolicy, shouldRetry } from "../src/http/policies/retry.ts";
import { RETRY_AFTER_MARGIN_MS, retryAfterMs } from "../src/http/retry-after.ts";
import { fakeTransport, request, respond } from "./helpers/fake-transport.ts";

function connectionError(sent: boolean, code = sent ? "ECONNRESET" : "ECONNREFUSED") {
  return new ConnectionError({
    service: "graph",
    status: 0,
    code,
    message: code,
    requestMayHaveBeenSent: sent,
  });
}

describe("retryAfterMs", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it.each([
    [{ "retry-after": "3" }, 3000],
    [{ "retry-after": "0.5" }, 500],
    [{ "retry-after": "Thu, 01 Jan 2026 00:00:07 GMT" }, 7000],
    [{ "retry-after": "Wed, 31 Dec 2025 23:00:00 GMT" }, 0],
    [{ "retry-after-ms": "250", "retry-after": "10" }, 250],
    [{ "x-ms-retry-after-ms": "1200" }, 1200],
    [{ "retry-after": "soon" }, undefined],
    [{}, undefined],
  ])("%j -> %s", (headers, expected) => {
    expect(retryAfterMs(new Headers(headers), now)).toBe(expected);
  });
});

describe("shouldRetry (the rule for non-idempotent requests)", () => {
  const get = request({ method: "GET" });
  const post = request({ method: "POST" });
  const r = (req: PipelineRequest, status: number, headers: Record<string, string> = {}) =>
    respond(req, { status, headers });
  it.each([
    ["GET 429", get, r(get, 429), true],
    ["GET 503", get, r(get, 503), true],
    ["GET 504", get, r(get, 504), true],
    ["GET 500", get, r(get, 500), false],
    ["GET 404", get, r(get, 404), false],
    ["GET reset", get, connectionError(true), true],
    ["POST 429", post, r(post, 429), true],
    ["POST 503 with Retry-After", post, r(post, 503, { "retry-after": "1" }), true],
    ["POST 503 without Retry-After", post, r(post, 503), false],
    ["POST 504", post, r(post, 504), false],
    ["POST refused before sending", post, connectionError(false), true],
    ["POST reset after sending", post, connectionError(true), false],
    ["POST marked idempotent, 504", request({ method: "POST", idempotent: true }), r(post, 504), true],
    ["PATCH reset", request({ method: "PATCH" }), connectionError(true), false],
    ["DELETE reset", request({ method: "DELETE" }), connectionError(true), true],
  ] as const)("%s -> %s", (_name, req, outcome, expected) => {
    expect(shouldRetry(req, outcome)).toBe(expected);
  });
});

describe("retryPolicy", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("waits what Retry-After asks (plus the safety margin), then returns the success", async () => {
    const { send, seen } = fakeTransport((_r, i) =>
      i < 2 ? { status: 429, headers: { "retry-after": "2" } } : { status: 200, json: {} },
    );
    const policy = retryPolicy({ random: () => 0 });
    const result = policy.sendRequest(request(), send);
    await vi.advanceTimersByTimeAsync(1999 + RETRY_AFTER_MARGIN_MS);
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2000 + RETRY_AFTER_MARGIN_MS);
    expect((await result).status).toBe(200);
    expect(seen).toHaveLength(3);
  });

  it("backs off exponentially with jitter when the service names no wait", async () => {
    const { send, seen } = fakeTransport((_r, i) => (i < 3 ? { status: 503 } : { status: 200 }));
    const policy = retryPolicy({ baseDelayMs: 100, random: () => 0.999 });
    const result = policy.sendRequest(request(), send);
    // 100·(0.5+0.4995)≈100, then 200, then 400
    await vi.advanceTimersByTimeAsync(100);
    expect(seen).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(199);
    expect(seen).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(400);
    expect((await result).status).toBe(200);
  });

  it("jitter spreads waits between half and all of the step", async () => {
    const { send, seen } = fakeTransport((_r, i) => (i < 1 ? { status: 503 } : { status: 200 }));
    const result = retryPolicy({ baseDelayMs: 1000, random: () => 0 }).sendRequest(request(), send);
    await vi.advanceTimersByTimeAsync(499);
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await result).status).toBe(200);
  });

  it("stops after maxRetries and returns the last throttled response", async () => {
    const { send, seen } = fakeTransport(() => ({ status: 429, headers: { "retry-after": "1" } }));
    const result = retryPolicy({ maxRetries: 2 }).sendRequest(request(), send);
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await result).status).toBe(429);
    expect(seen).toHaveLength(3);
  });

  it("does not take a wait that would pass the total-wait cap", async () => {
    const { send, seen } = fakeTransport(() => ({ status: 429, headers: { "retry-after": "50" } }));
    const result = retryPolicy({ maxRetries: 10, maxTotalWaitMs: 120_000 }).sendRequest(request(), send);
    await vi.advanceTimersByTimeAsync(200_000);
    expect((await result).status).toBe(429);
    expect(seen).toHaveLength(3); // waited 50 s + 50 s; a third 50 s would pass 120 s
  });

  it("never repeats a POST whose connection dropped after sending", async () => {
    const { send, seen } = fakeTransport(() => connectionError(true));
    await expect(retryPolicy().sendRequest(request({ method: "POST" }), send)).rejects.toBeInstanceOf(
      ConnectionError,
    );
    expect(seen).toHaveLength(1);
  });

  it("repeats a POST whose connection was refused", async () => {
    const { send, seen } = fakeTransport((_r, i) =>
      i === 0 ? connectionError(false) : { status: 201, json: {} },
    );
    const result = retryPolicy({ random: () => 0 }).sendRequest(request({ method: "POST" }), send);
    await vi.advanceTimersByTimeAsync(1000);
    expect((await result).status).toBe(201);
    expect(seen).toHaveLength(2);
  });

  it("rethrows non-connection errors without retrying", async () => {
    const { send, seen } = fakeTransport(() => new TypeError("bug"));
    await expect(retryPolicy().sendRequest(request(), send)).rejects.toThrow("bug");
    expect(seen).toHaveLength(1);
  });

  it("stops waiting when the caller aborts", async () => {
    const { send, seen } = fakeTransport(() => ({ status: 429, headers: { "retry-after": "30" } }));
    const controller = new AbortController();
    const result = retryPolicy().sendRequest(request({ signal: controller.signal }), send);
    const assertion = expect(result).rejects.toThrow("stop");
    await vi.advanceTimersByTimeAsync(1000);
    controller.abort(new Error("stop"));
    await assertion;
    expect(seen).toHaveLength(1);
  });

  it("logs each retry without the URL's secrets", async () => {
    const entries: unknown[] = [];
    const { send } = fakeTransport((_r, i) =>
      i === 0 ? { status: 429, headers: { "retry-after": "1" } } : { status: 200 },
    );
    const result = retryPolicy({ logger: (e) => entries.push(e) }).sendRequest(
      request({ url: "https://login.example/t/token?client_secret=hunter2-SECRET" }),
      send,
    );
    await vi.advanceTimersByTimeAsync(1000 + RETRY_AFTER_MARGIN_MS);
    await result;
    expect(JSON.stringify(entries)).toContain("http.retry");
    expect(JSON.stringify(entries)).not.toContain("hunter2-SECRET");
  });
});

it("ThrottledError is what a final 429 becomes", async () => {
  const { errorFromResponse } = await import("../src/http/errors.ts");
  const req = request();
  const error = errorFromResponse(
    respond(req, {
      status: 429,
      headers: { "retry-after": "7" },
      json: { error: { code: "TooManyRequests", message: "Slow down" } },
    }),
  );
  expect(error).toBeInstanceOf(ThrottledError);
  expect(error.retryAfterMs).toBe(7000);
});
