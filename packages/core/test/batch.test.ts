import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { BatchRequest } from "../src/http/batch.ts";
import { runBatch } from "../src/http/batch.ts";
import { RETRY_AFTER_MARGIN_MS } from "../src/http/retry-after.ts";
import type { CoreEmulator } from "./helpers/emulator.ts";
import { startCoreEmulator } from "./helpers/emulator.ts";
import { fakeClient, fakeTransport } from "./helpers/fake-transport.ts";

interface Inner {
  id: string;
  method: string;
  url: string;
  dependsOn?: string[];
  body?: unknown;
  headers?: Record<string, string>;
}

/** A $batch endpoint; `answer` decides each inner response (default 200 echoing the url). Responses come back reversed, as Graph may. */
function batchService(
  answer: (inner: Inner, attempt: number) => { status: number; headers?: Record<string, string> } = () => ({
    status: 200,
  }),
) {
  const attempts = new Map<string, number>();
  const envelopes: Inner[][] = [];
  const transport = fakeTransport((req) => {
    const { requests } = JSON.parse(String(req.body)) as { requests: Inner[] };
    envelopes.push(requests);
    const failed = new Set<string>();
    const responses = requests.map((inner) => {
      if (inner.dependsOn?.some((d) => failed.has(d))) {
        failed.add(inner.id);
        return { id: inner.id, status: 424, headers: {}, body: null };
      }
      const n = attempts.get(inner.id) ?? 0;
      attempts.set(inner.id, n + 1);
      const { status, headers } = answer(inner, n);
      if (status >= 400) failed.add(inner.id);
      return { id: inner.id, status, headers: headers ?? {}, body: { url: inner.url } };
    });
    return { status: 200, json: { responses: responses.reverse() } };
  });
  return { ...transport, envelopes };
}

const gets = (n: number): BatchRequest[] =>
  Array.from({ length: n }, (_, i) => ({ id: String(i), method: "GET", url: `/users/u${i}` }));

describe("runBatch", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sends 45 requests as envelopes of at most 20 and returns results in input order", async () => {
    const service = batchService();
    const results = await runBatch(fakeClient(service.send), gets(45), { concurrency: 2 });
    expect(service.envelopes.map((e) => e.length)).toEqual([20, 20, 5]);
    expect(results.map((r) => r.id)).toEqual(gets(45).map((r) => r.id));
    expect(results.every((r, i) => (r.body as { url: string }).url === `/users/u${i}`)).toBe(true);
    expect(service.seen[0]?.url).toBe("https://graph.example/v1.0/$batch");
  });

  it("retries an inner 429 after its own Retry-After, alone", async () => {
    const service = batchService((inner, attempt) =>
      inner.id === "3" && attempt === 0 ? { status: 429, headers: { "Retry-After": "5" } } : { status: 200 },
    );
    const done = runBatch(fakeClient(service.send), gets(5));
    await vi.advanceTimersByTimeAsync(4999 + RETRY_AFTER_MARGIN_MS);
    expect(service.envelopes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    const results = await done;
    expect(service.envelopes[1]?.map((r) => r.id)).toEqual(["3"]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  });

  it("sends no new envelope while an inner 429's Retry-After runs", async () => {
    const service = batchService((inner, attempt) =>
      inner.id === "0" && attempt === 0 ? { status: 429, headers: { "Retry-After": "3" } } : { status: 200 },
    );
    const done = runBatch(fakeClient(service.send), gets(40), { concurrency: 1 });
    await vi.advanceTimersByTimeAsync(2999 + RETRY_AFTER_MARGIN_MS);
    expect(service.envelopes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    const results = await done;
    expect(service.envelopes.map((e) => e.length)).toEqual([20, 20, 1]);
    expect(results.every((r) => r.status === 200)).toBe(true);
  });

  it("gives up on an item after maxItemRetries and returns its 429", async () => {
    const service = batchService((inner) =>
      inner.id === "1" ? { status: 429, headers: { "retry-after": "1" } } : { status: 200 },
    );
    const done = runBatch(fakeClient(service.send), gets(2), { maxItemRetries: 2 });
    await vi.advanceTimersByTimeAsync(10_000);
    const results = await done;
    expect(results.map((r) => r.status)).toEqual([200, 429]);
    expect(service.envelopes).toHaveLength(3);
  });

  it("keeps a dependsOn chain in one envelope and retries a throttled link with its dependents", async () => {
    const requests: BatchRequest[] = [
      ...gets(18),
      { id: "a", method: "POST", url: "/groups", body: { displayName: "g" } },
      { id: "b", method: "GET", url: "/groups/x", dependsOn: ["a"] },
      { id: "c", method: "GET", url: "/groups/y", dependsOn: ["b"] },
    ];
    const service = batchService((inner, attempt) =>
      inner.id === "b" && attempt === 0 ? { status: 429, headers: { "retry-after": "1" } } : { status: 200 },
    );
    const done = runBatch(fakeClient(service.send), requests);
    await vi.advanceTimersByTimeAsync(1000 + RETRY_AFTER_MARGIN_MS);
    const results = await done;
    const firstWithChain = service.envelopes.find((e) => e.some((r) => r.id === "a"));
    expect(firstWithChain?.filter((r) => ["a", "b", "c"].includes(r.id))).toHaveLength(3);
    // The retry carries b and c; b no longer depends on a, which already succeeded.
    const retry = service.envelopes.at(-1);
    const envelopeId = retry?.[0]?.headers?.["client-request-id"];
    expect(envelopeId).toMatch(/^[0-9a-f-]{36}$/);
    expect(retry).toEqual([
      { id: "b", method: "GET", url: "/groups/x", headers: { "client-request-id": envelopeId } },
      {
        id: "c",
        method: "GET",
        url: "/groups/y",
        dependsOn: ["b"],
        headers: { "client-request-id": envelopeId },
      },
    ]);
    expect(results.slice(-3).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(firstWithChain?.find((r) => r.id === "a")).toMatchObject({
      headers: { "Content-Type": "application/json" },
    });
  });

  it("returns a 424 as is when its dependency failed for good", async () => {
    const service = batchService((inner) => (inner.id === "a" ? { status: 404 } : { status: 200 }));
    const results = await runBatch(fakeClient(service.send), [
      { id: "a", method: "GET", url: "/users/missing" },
      { id: "b", method: "GET", url: "/users/x", dependsOn: ["a"] },
    ]);
    expect(results.map((r) => r.status)).toEqual([404, 424]);
    expect(service.envelopes).toHaveLength(1);
  });

  it.each([
    [
      "duplicate ids (case-insensitive)",
      [
        { id: "A", method: "GET", url: "/a" },
        { id: "a", method: "GET", url: "/b" },
      ],
      /Duplicate/,
    ],
    ["unknown dependency", [{ id: "a", method: "GET", url: "/a", dependsOn: ["zz"] }], /unknown id/],
    [
      "a chain longer than 20",
      Array.from({ length: 21 }, (_, i) => ({
        id: `r${i}`,
        method: "GET",
        url: "/x",
        ...(i > 0 ? { dependsOn: [`r${i - 1}`] } : {}),
      })),
      /cannot fit/,
    ],
  ] as const)("rejects %s before sending anything", async (_name, requests, message) => {
    const service = batchService();
    await expect(runBatch(fakeClient(service.send), requests as unknown as BatchRequest[])).rejects.toThrow(
      message,
    );
    expect(service.envelopes).toHaveLength(0);
  });

  it("never has more envelopes in flight than the concurrency", async () => {
    let inFlight = 0;
    let peak = 0;
    const { send } = fakeTransport(async (req) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 10));
      inFlight--;
      const { requests } = JSON.parse(String(req.body)) as { requests: Inner[] };
      return { status: 200, json: { responses: requests.map((r) => ({ id: r.id, status: 204 })) } };
    });
    const progress: number[] = [];
    const done = runBatch(fakeClient(send), gets(200), {
      concurrency: 3,
      onProgress: (n) => progress.push(n),
    });
    await vi.advanceTimersByTimeAsync(1000);
    const results = await done;
    expect(peak).toBe(3);
    expect(results).toHaveLength(200);
    expect(progress.at(-1)).toBe(200);
  });
});

describe("runBatch against the emulator's $batch", () => {
  let t: CoreEmulator;
  beforeAll(async () => {
    t = await startCoreEmulator();
  });
  afterAll(() => t.stop());

  it("runs 45 requests, retries the inner 429s after their Retry-After, and returns results in input order", async () => {
    const client = t.client();
    const users = (
      await client.graph.get<{ value: { id: string }[] }>("/users", { query: { $select: "id", $top: 5 } })
    ).value;
    await t.control("PUT", "/throttling", {
      enabled: true,
      timeScale: 100,
      limits: { resourceUnits: { S: 15 } },
    });
    await t.control("DELETE", "/counters");
    const requests: BatchRequest[] = Array.from({ length: 45 }, (_, i) => ({
      id: `r${i}`,
      method: "GET",
      url: `/users/${users[i % users.length]?.id}?$select=id,displayName`,
    }));
    const results = await runBatch(client.graph, requests, {
      concurrency: 1,
      baseDelayMs: 50,
      maxItemRetries: 20,
    });
    await t.control("PUT", "/throttling", { enabled: false });
    const log = t.emu.control.monitor
      .requests(1000)
      .filter((r) => r.service === "batch-item" || r.path.includes("$batch"));
    expect(results.map((r) => r.id)).toEqual(requests.map((r) => r.id));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.map((r) => (r.body as { id: string }).id)).toEqual(
      requests.map((_, i) => users[i % users.length]?.id),
    );
    expect(t.emu.control.monitor.counters().throttled).toBeGreaterThan(0);
    // Items of one envelope after its first 429 are "early" by Graph's rules (they arrive during the
    // throttle). An envelope sent before the Retry-After passed would hold early 429s only; every
    // throttled envelope must instead hold a 429 that opened a new throttle.
    const byEnvelope = new Map<string | null, typeof log>();
    for (const r of log.filter((entry) => entry.service === "batch-item")) {
      byEnvelope.set(r.clientRequestId, [...(byEnvelope.get(r.clientRequestId) ?? []), r]);
    }
    const throttled = [...byEnvelope.values()].filter((items) => items.some((r) => r.status === 429));
    expect(byEnvelope.size).toBeGreaterThan(2);
    expect(throttled.length).toBeGreaterThan(0);
    for (const items of throttled)
      expect(items.filter((r) => r.status === 429 && !r.earlyRetry).length).toBeGreaterThan(0);
    expect(log.filter((r) => r.service !== "batch-item" && r.earlyRetry)).toEqual([]);
  }, 30_000);

  it("creates a group and reads it back in one envelope with dependsOn", async () => {
    const client = t.client();
    const results = await runBatch(client.graph, [
      {
        id: "create",
        method: "POST",
        url: "/groups",
        body: {
          displayName: "Batch group",
          mailEnabled: false,
          mailNickname: "batch-group",
          securityEnabled: true,
        },
      },
      { id: "list", method: "GET", url: "/groups?$select=id,displayName&$top=999", dependsOn: ["create"] },
    ]);
    expect(results.map((r) => r.status)).toEqual([201, 200]);
    const created = results[0]?.body as { id: string };
    const listed = results[1]?.body as { value: { id: string }[] } | undefined;
    expect(listed?.value.map((g) => g.id)).toContain(created.id);
  });
});
