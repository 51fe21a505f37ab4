import { z } from "zod";

const FaultSchema = z.discriminatedUnion("kind", [
  /** Answer with a Graph 5xx error instead of calling the route. */
  z.object({ kind: z.literal("error"), status: z.union([z.literal(500), z.literal(503), z.literal(504)]) }),
  /** Delay the response. */
  z.object({ kind: z.literal("latency"), ms: z.number().int().min(0).max(120_000) }),
  /** Destroy the socket: `before` the route runs (nothing happened) or `after` (the write happened, the answer is lost). */
  z.object({ kind: z.literal("drop"), when: z.enum(["before", "after"]).default("before") }),
  /** Objects created by the request read 404 for `ms` afterwards, as directory replicas lag (api-surface 11.8). */
  z.object({ kind: z.literal("replicationLag"), ms: z.number().int().min(1).max(600_000) }),
]);
/** One fault: an error status, latency, a dropped connection or replication lag. */
export type Fault = z.infer<typeof FaultSchema>;

/** A fault for requests matching `method` and a path glob (`*` one segment, `**` any number). */
export const FaultRuleSchema = z.object({
  method: z.string().default("*"),
  /** Path after the version, e.g. `/users`, `/users/*`, `/groups/**`, `/$batch`. */
  path: z.string().min(1),
  fault: FaultSchema,
  /** Chance per matching request, drawn from the seeded generator. */
  probability: z.number().min(0).max(1).default(1),
  /** Fire at most this many times. */
  times: z.number().int().positive().optional(),
});
/** A validated fault rule. */
export type FaultRule = z.infer<typeof FaultRuleSchema>;
/** A fault rule as written (defaults not yet applied). */
export type FaultRuleInput = z.input<typeof FaultRuleSchema>;

/** The fault configuration: the seed of the draws and the rules, in order. */
export const FaultSettingsSchema = z.object({
  seed: z.number().int().default(1),
  rules: z.array(FaultRuleSchema).default([]),
});
/** Fault settings as written (defaults not yet applied). */
export type FaultSettingsInput = z.input<typeof FaultSettingsSchema>;

/** What the faults decided for one request. */
export interface FaultPlan {
  error?: 500 | 503 | 504;
  latencyMs: number;
  drop?: "before" | "after";
  replicationLagMs?: number;
  /** Names of the faults applied, for the request log. */
  applied: string[];
}

/** Name of the request header that injects faults per request, as Azurite's `fault-inject`. */
export const FAULT_HEADER = "x-ciam-emulator-fault";

/**
 * Fault injection, deterministic from a seed: each rule draws from its own generator, so whether
 * the n-th matching request fails does not depend on other traffic. Per-request faults come from
 * the `x-ciam-emulator-fault` header: `503`, `500`, `504`, `drop`, `drop-after`, `latency=MS`,
 * `replication-lag=MS`, comma-separated.
 */
export class FaultInjector {
  #rules: Array<{ rule: FaultRule; pattern: RegExp; next: () => number; fired: number }> = [];
  #seed = 1;
  /** Objects hidden by replication lag: `tenantId/objectId` → visible-from time (ms). */
  readonly #lagging = new Map<string, number>();

  constructor(settings: FaultSettingsInput = {}) {
    this.configure(settings);
  }

  configure(settings: FaultSettingsInput): void {
    const parsed = FaultSettingsSchema.parse(settings);
    this.#seed = parsed.seed;
    this.#rules = parsed.rules.map((rule, i) => ({
      rule,
      pattern: globToRegExp(rule.path),
      next: mulberry32(hashSeed(parsed.seed, i)),
      fired: 0,
    }));
  }

  get settings(): { seed: number; rules: FaultRule[] } {
    return { seed: this.#seed, rules: this.#rules.map((r) => r.rule) };
  }

  /** The faults for a request; throws a `FaultHeaderError` for a header it cannot read. */
  plan(method: string, path: string, header: string | undefined): FaultPlan {
    const plan: FaultPlan = { latencyMs: 0, applied: [] };
    for (const entry of this.#rules) {
      const { rule } = entry;
      if (rule.method !== "*" && rule.method.toUpperCase() !== method) continue;
      if (!entry.pattern.test(path)) continue;
      if (rule.times !== undefined && entry.fired >= rule.times) continue;
      if (rule.probability < 1 && entry.next() >= rule.probability) continue;
      entry.fired++;
      apply(plan, rule.fault);
    }
    if (header !== undefined && header.trim() !== "") {
      for (const fault of parseFaultHeader(header)) apply(plan, fault);
    }
    return plan;
  }

  /** Hides a new object from reads until `ms` from now. */
  hide(tenantId: string, objectId: string, nowMs: number, ms: number): void {
    this.#lagging.set(`${tenantId}/${objectId.toLowerCase()}`, nowMs + ms);
  }

  /** The id among `segments` that is still replicating, if any. */
  lagging(tenantId: string, segments: readonly string[], nowMs: number): string | undefined {
    if (this.#lagging.size === 0) return undefined;
    for (const segment of segments) {
      const key = `${tenantId}/${segment.toLowerCase()}`;
      const visibleAt = this.#lagging.get(key);
      if (visibleAt === undefined) continue;
      if (visibleAt > nowMs) return segment;
      this.#lagging.delete(key);
    }
    return undefined;
  }

  clearLag(): void {
    this.#lagging.clear();
  }
}

/** A fault header that names no known fault. */
export class FaultHeaderError extends Error {
  override name = "FaultHeaderError";
}

function parseFaultHeader(header: string): Fault[] {
  return header.split(",").map((raw) => {
    const item = raw.trim().toLowerCase();
    const [name = "", value] = item.split("=", 2);
    const ms = value === undefined ? Number.NaN : Number(value);
    switch (name) {
      case "500":
      case "503":
      case "504":
        return { kind: "error", status: Number(name) as 500 | 503 | 504 };
      case "drop":
        return { kind: "drop", when: "before" };
      case "drop-after":
        return { kind: "drop", when: "after" };
      case "latency":
        if (Number.isInteger(ms) && ms >= 0 && ms <= 120_000) return { kind: "latency", ms };
        break;
      case "replication-lag":
        if (Number.isInteger(ms) && ms > 0 && ms <= 600_000) return { kind: "replicationLag", ms };
        break;
    }
    throw new FaultHeaderError(
      `Unknown fault '${raw.trim()}' in ${FAULT_HEADER}: use 500, 503, 504, drop, drop-after, latency=MS or replication-lag=MS.`,
    );
  });
}

function apply(plan: FaultPlan, fault: Fault): void {
  switch (fault.kind) {
    case "error":
      plan.error ??= fault.status;
      plan.applied.push(String(fault.status));
      return;
    case "latency":
      plan.latencyMs += fault.ms;
      plan.applied.push(`latency=${fault.ms}`);
      return;
    case "drop":
      plan.drop ??= fault.when;
      plan.applied.push(fault.when === "after" ? "drop-after" : "drop");
      return;
    case "replicationLag":
      plan.replicationLagMs = Math.max(plan.replicationLagMs ?? 0, fault.ms);
      plan.applied.push(`replication-lag=${fault.ms}`);
      return;
  }
}

/** `/users/*` → one segment, `/groups/**` → any depth; case-insensitive like Graph paths. */
export function globToRegExp(glob: string): RegExp {
  const source = glob
    .replace(/\/+$/, "")
    .split(/(\*\*|\*)/)
    .map((part) =>
      part === "**" ? ".*" : part === "*" ? "[^/]*" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("");
  return new RegExp(`^${source}/?$`, "i");
}

function hashSeed(seed: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (index + 1), 0x85ebca6b) >>> 0;
  return (h ^ (h >>> 13)) >>> 0;
}

/** A small, well-known 32-bit PRNG (public domain); determinism matters here, not quality. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
