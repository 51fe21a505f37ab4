/** One served request, as the request log keeps it: no bodies, no credentials. */
export interface RequestLogEntry {
  time: string;
  service: "login" | "graph" | "arm" | "batch-item";
  method: string;
  /** Path and query; the login origin's query never carries secrets (they travel in bodies). */
  path: string;
  status: number;
  requestId: string | null;
  clientRequestId: string | null;
  appId: string | null;
  tenantId: string | null;
  resourceUnits: number;
  faults: string[];
  earlyRetry: boolean;
}

/** Totals since start or the last reset. */
export interface Counters {
  requests: number;
  resourceUnits: number;
  throttled: number;
  earlyRetries: number;
  faults: number;
  byStatus: Record<string, number>;
  byService: Record<string, number>;
}

/** Counters and a bounded ring of the most recent requests. */
export class Monitor {
  readonly #capacity: number;
  #ring: RequestLogEntry[] = [];
  #next = 0;
  #counters: Counters = emptyCounters();

  constructor(capacity = 1000) {
    this.#capacity = capacity;
  }

  record(entry: RequestLogEntry): void {
    const c = this.#counters;
    c.requests++;
    c.resourceUnits += entry.resourceUnits;
    if (entry.status === 429) c.throttled++;
    if (entry.earlyRetry) c.earlyRetries++;
    if (entry.faults.length > 0) c.faults++;
    const status = String(entry.status);
    c.byStatus[status] = (c.byStatus[status] ?? 0) + 1;
    c.byService[entry.service] = (c.byService[entry.service] ?? 0) + 1;
    if (this.#capacity === 0) return;
    if (this.#ring.length < this.#capacity) this.#ring.push(entry);
    else this.#ring[this.#next] = entry;
    this.#next = (this.#next + 1) % this.#capacity;
  }

  /** The last `limit` requests, oldest first. */
  requests(limit = this.#capacity): RequestLogEntry[] {
    const ordered =
      this.#ring.length < this.#capacity
        ? this.#ring
        : [...this.#ring.slice(this.#next), ...this.#ring.slice(0, this.#next)];
    return ordered.slice(Math.max(0, ordered.length - limit));
  }

  counters(): Counters {
    return structuredClone(this.#counters);
  }

  reset(): void {
    this.#ring = [];
    this.#next = 0;
    this.#counters = emptyCounters();
  }
}

function emptyCounters(): Counters {
  return {
    requests: 0,
    resourceUnits: 0,
    throttled: 0,
    earlyRetries: 0,
    faults: 0,
    byStatus: {},
    byService: {},
  };
}
