import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AdaptivePacer } from "../src/bulk/adaptive-pacer.ts";

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

  it("speeds up while the service sends no throttle signal, gently at 0.8, holds at 0.9 and eases off at 1.0", () => {
    const pacer = new AdaptivePacer({ initialRate: 20 });
    vi.advanceTimersByTime(1000);
    pacer.observe({});
    expect(pacer.rate).toBeCloseTo(30);
    vi.advanceTimersByTime(1000);
    pacer.observe({ limitPercentage: 0.8 });
    expect(pacer.rate).toBeCloseTo(30.6);
    vi.advanceTimersByTime(1000);
    pacer.observe({ limitPercentage: 0.9 });
    expect(pacer.rate).toBeCloseTo(30.6);
    vi.advanceTimersByTime(1000);
    pacer.observe({ limitPercentage: 1.0 });
    expect(pacer.rate).toBeCloseTo(27.54);
  });

  it("caps growth per second however often envelopes report", () => {
    const pacer = new AdaptivePacer({ initialRate: 20 });
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(100);
      pacer.observe({});
    }
    expect(pacer.rate).toBeCloseTo(30);
  });

  it("after a 429 pauses every sender for Retry-After and cuts the rate once per episode", async () => {
    const pacer = new AdaptivePacer({ initialRate: 100 });
    pacer.observe({ throttledForMs: 2000 });
    pacer.observe({ throttledForMs: 1500 }); // an envelope already in flight: same episode
    expect(pacer.rate).toBeCloseTo(70);
    const times = await grantTimes(pacer, 2, 7);
    expect(times[0]).toBeGreaterThanOrEqual(2000);
    expect(times[1]).toBeGreaterThanOrEqual((times[0] ?? 0) + 100);
  });

  it("after a 429 settles just under the rate the service accepted", () => {
    const pacer = new AdaptivePacer({ initialRate: 200 });
    // Three seconds at the quota: the service takes 40 writes a second.
    for (let i = 0; i < 30; i++) {
      vi.advanceTimersByTime(100);
      pacer.observe({ accepted: 4, limitPercentage: 0.9 });
    }
    pacer.observe({ throttledForMs: 25, accepted: 0 });
    expect(pacer.rate).toBeGreaterThan(36);
    expect(pacer.rate).toBeLessThanOrEqual(40 * 0.95 + 0.01);
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
    expect(slow.rate).toBeCloseTo(15);
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
