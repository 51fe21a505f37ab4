import { randomBytes } from "node:crypto";

/** Where a native authentication sign-in stands: after `/initiate`, or after `/challenge` chose the password. */
export type NativeStage = "initiated" | "password";

/** The state a continuation token stands for. */
export interface NativeFlow {
  tenantId: string;
  clientId: string;
  userId: string;
  stage: NativeStage;
  expiresAt: number;
}

/** How long a continuation token lasts: Microsoft says "a limited time" without a figure; 10 minutes here. */
export const CONTINUATION_LIFETIME_MS = 10 * 60_000;

/**
 * Continuation tokens of native authentication (in memory, like device codes): opaque, bound to the
 * tenant, client and user, each good for the next request of its flow only.
 */
export class ContinuationTokens {
  readonly #flows = new Map<string, NativeFlow>();

  issue(flow: Omit<NativeFlow, "expiresAt">, now: number): string {
    if (this.#flows.size >= 10_000) this.#sweep(now);
    const token = randomBytes(32).toString("base64url");
    this.#flows.set(token, { ...flow, expiresAt: now + CONTINUATION_LIFETIME_MS });
    return token;
  }

  /** Consumes a token: the flow it stood for, `expired`, or `unknown` (never issued, used, or another tenant's). */
  take(token: string, tenantId: string, clientId: string, now: number): NativeFlow | "expired" | "unknown" {
    const flow = this.#flows.get(token);
    if (flow === undefined) return "unknown";
    this.#flows.delete(token);
    if (flow.tenantId !== tenantId || flow.clientId.toLowerCase() !== clientId.toLowerCase())
      return "unknown";
    return flow.expiresAt <= now ? "expired" : flow;
  }

  #sweep(now: number): void {
    for (const [token, flow] of this.#flows) if (flow.expiresAt <= now) this.#flows.delete(token);
  }
}

const byContext = new WeakMap<object, ContinuationTokens>();

/** The continuation tokens of one emulator (keyed by its context). */
export function continuationTokens(ctx: object): ContinuationTokens {
  let tokens = byContext.get(ctx);
  if (tokens === undefined) {
    tokens = new ContinuationTokens();
    byContext.set(ctx, tokens);
  }
  return tokens;
}
