import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AdaptivePacer, FULL_ENVELOPE, NEAR_LIMIT_ENVELOPE } from "../src/bulk/adaptive-pacer.ts";
import { simulateImport } from "./bulk-pacer-simulation.ts";

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());

/** Times (fake ms) at which `count` acquisitions of `writes` each are granted. */
async function grantTimes(pacer: AdaptivePacer, count: number, writes: number): Promise<number[]> {
  const times: number[] = [];
  const all = Array.from({ length: count }, () => pacer.acquire(writes).then(() => times.push(Date.now())));
  await vi.runAllTimersAsync();
  await Promise.all(all);
  return times;
}

describe("adaptive pacer", () => {
  it("hands out envelope slots at its rate, in call order", async () => {
    const pacer = new AdaptivePacer({ initialRate: 20 });
    expect(await grantTimes(pacer, 3, 20)).toEqual([0, 1000, 2000]);
  });

  it("grows fast while Graph sends no throttle signal, and holds once more than 80 % of the budget is used", () => {
    const pacer = new AdaptivePacer({ initialRate: 20 });
    vi.advanceTimersByTime(500);
    pacer.observe({});
    expect(pacer.rate).toBeCloseTo(20 * Math.sqrt(8));
    for (const limitPercentage of [0.8, 0.9, 1.0]) {
      const before = pacer.rate;
      vi.advanceTimersByTime(1000);
      pacer.observe({ limitPercentage, accepted: 20 });
      expect(pacer.rate).toBe(before);
    }
  });

  it("caps growth per second however often envelopes report", () => {
    const pacer = new AdaptivePacer({ initialRate: 20 });
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(100);
      pacer.observe({});
    }
    expect(pacer.rate).toBeCloseTo(160);
  });

  it("sends full envelopes far from the limit and small ones near it", async () => {
    const pacer = new AdaptivePacer();
    const acquire = async (writes: number) => {
      const granted = pacer.acquire(writes);
      await vi.runAllTimersAsync();
      return granted;
    };
    expect(await acquire(20)).toBe(FULL_ENVELOPE);
    pacer.observe({ accepted: 20, limitPercentage: 1.0 });
    expect(await acquire(20)).toBe(NEAR_LIMIT_ENVELOPE);
    pacer.observe({ accepted: 4, limitPercentage: 0.9 });
    expect(await acquire(20)).toBe(FULL_ENVELOPE);
    pacer.observe({ accepted: 3, throttledForMs: 50 });
    expect(await acquire(20)).toBe(NEAR_LIMIT_ENVELOPE);
    expect(await acquire(3)).toBe(3);
  });

  it("after a 429 pauses every sender for Retry-After and cuts the rate once per episode", async () => {
    const pacer = new AdaptivePacer({ initialRate: 100 });
    pacer.observe({ throttledForMs: 2000 });
    pacer.observe({ throttledForMs: 1500 }); // an envelope already in flight: same episode
    expect(pacer.rate).toBeCloseTo(70);
    const times = await grantTimes(pacer, 2, 4);
    expect(times[0]).toBeGreaterThanOrEqual(2000);
    expect(times[1]).toBeGreaterThanOrEqual((times[0] ?? 0) + (4 * 1000) / 70);
  });

  it("measures the refill rate between two 429s and then runs just under it", () => {
    const pacer = new AdaptivePacer({ initialRate: 200 });
    pacer.observe({ accepted: 2, throttledForMs: 5 });
    expect(pacer.refillRate).toBeUndefined();
    // Two seconds at the edge of the bucket: it takes 40 writes a second.
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(100);
      pacer.observe({ accepted: 4, limitPercentage: 1.0 });
    }
    pacer.observe({ accepted: 0, throttledForMs: 25 });
    expect(pacer.refillRate).toBeCloseTo(40);
    expect(pacer.rate).toBeCloseTo(40 * 0.98);
    // A surplus in the bucket (5–20 % left): a little above the refill rate until it is spent.
    vi.advanceTimersByTime(1000);
    pacer.observe({ accepted: 4, limitPercentage: 0.9 });
    expect(pacer.rate).toBeGreaterThan(40);
    expect(pacer.rate).toBeLessThanOrEqual(44);
  });

  it("ignores 429s too close together to measure the refill rate", () => {
    const pacer = new AdaptivePacer({ initialRate: 200 });
    pacer.observe({ accepted: 2, throttledForMs: 5 });
    vi.advanceTimersByTime(100);
    pacer.observe({ accepted: 4, throttledForMs: 5 });
    expect(pacer.refillRate).toBeUndefined();
  });

  it("spends the margin it kept in the bucket once the input is exhausted", () => {
    const pacer = new AdaptivePacer({ initialRate: 200 });
    pacer.observe({ accepted: 2, throttledForMs: 5 });
    vi.advanceTimersByTime(1000);
    pacer.observe({ accepted: 50, throttledForMs: 5 });
    expect(pacer.rate).toBeCloseTo(49);
    pacer.drain();
    expect(pacer.rate).toBeCloseTo(150);
  });

  it("does not grow far ahead of the rate actually achieved", async () => {
    const pacer = new AdaptivePacer({ initialRate: 1000 });
    await pacer.acquire(20); // 20 writes in the last second: something else limits the pace
    vi.advanceTimersByTime(1000);
    pacer.observe({});
    expect(pacer.rate).toBe(1000);
    const slow = new AdaptivePacer({ initialRate: 10 });
    await slow.acquire(20);
    vi.advanceTimersByTime(1000);
    slow.observe({});
    expect(slow.rate).toBeGreaterThan(30);
    expect(slow.rate).toBeLessThanOrEqual(40);
  });

  it("stays within its bounds", () => {
    const pacer = new AdaptivePacer({ initialRate: 5, minRate: 2, maxRate: 6 });
    vi.advanceTimersByTime(1000);
    pacer.observe({});
    expect(pacer.rate).toBe(6);
    for (let i = 0; i < 10; i++) pacer.observe({ throttledForMs: 0 });
    vi.advanceTimersByTime(100);
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(50);
      pacer.observe({ throttledForMs: 0 });
    }
    expect(pacer.rate).toBe(2);
  });
});

describe("adaptive pacer against a simulated write budget", () => {
  it.each([
    { name: "Graph's budget, real time", refillPerSecond: 20, writes: 10_000, latencyMs: 250 },
    { name: "time scale 5", refillPerSecond: 100, writes: 20_000, latencyMs: 50 },
    { name: "time scale 10", refillPerSecond: 200, writes: 20_000, latencyMs: 25 },
  ])("$name: reaches 98 % of the ceiling with few 429s", async ({ refillPerSecond, writes, latencyMs }) => {
    const pacer = new AdaptivePacer();
    const run = await simulateImport(pacer, {
      capacity: 3000,
      refillPerSecond,
      writes,
      latencyMs,
      senders: 8,
    });
    expect(run.floorSeconds / run.seconds).toBeGreaterThan(0.98);
    expect(run.throttled).toBeLessThan(writes / 100);
    expect(pacer.refillRate).toBeCloseTo(refillPerSecond, -1);
  });
});
