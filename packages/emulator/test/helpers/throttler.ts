import type { Throttler } from "../../src/policy/throttling.ts";

/** The instant the throttler tests start at (ms). */
export const T0 = 1_000_000;

/** A throttler check for one app in a small tenant at {@link T0}, with `over` changed. */
export const req = (over: Partial<Parameters<Throttler["check"]>[0]> = {}) => ({
  appId: "app",
  tenantId: "tenant",
  tenantUsers: 10,
  cost: 1,
  write: false,
  nowMs: T0,
  ...over,
});

/** Sends `n` identical requests at one instant; returns how many were allowed before the first refusal. */
export function drain(throttler: Throttler, r: ReturnType<typeof req>, n: number): number {
  for (let i = 0; i < n; i++) if (!throttler.check(r).allowed) return i;
  return n;
}
