/** The defaults of the HTTP transport's session limits (see `McpHttpOptions`). */
export const SESSION_DEFAULTS = {
  maxSessions: 64,
  maxSessionsPerClient: 16,
  sessionIdleMs: 30 * 60_000,
  sessionBurst: 20,
  sessionIntervalMs: 3_000,
} as const;

/** What the table needs of a session: a way to close it (its MCP server and transport). */
export interface SessionHandle {
  close(): Promise<void>;
}

export interface SessionLimits {
  /** Most open sessions in all. */
  maxSessions: number;
  /** Most open sessions of one client. */
  maxPerClient: number;
  /** A session with no request for this long is closed. */
  idleMs: number;
  now: () => number;
}

interface Entry<S extends SessionHandle> {
  session: S;
  client: string;
  lastSeen: number;
  /** Requests in progress (a long tool call keeps its session alive). */
  busy: number;
}

/** Why a new session cannot start now, and when to try again. */
export interface Refusal {
  status: 429 | 503;
  retryAfterMs: number;
  message: string;
}

/**
 * The open sessions: each belongs to a client, counts its requests in progress, and is closed once
 * idle for `idleMs`. When a client or the server is at its cap a new session is refused: no open
 * session is ever closed to make room, so one client cannot push others out.
 */
export class SessionTable<S extends SessionHandle> {
  readonly #entries = new Map<string, Entry<S>>();
  readonly #perClient = new Map<string, number>();
  readonly #limits: SessionLimits;

  constructor(limits: SessionLimits) {
    this.#limits = limits;
  }

  /** Open sessions (after closing the expired ones). */
  get size(): number {
    this.expireIdle();
    return this.#entries.size;
  }

  /** Clients with open sessions (bounded by the sessions). */
  get clients(): number {
    return this.#perClient.size;
  }

  /** Undefined when `client` may start a session now; otherwise why not and when to retry. */
  admit(client: string): Refusal | undefined {
    this.expireIdle();
    const { maxPerClient, maxSessions } = this.#limits;
    if ((this.#perClient.get(client) ?? 0) >= maxPerClient) {
      return {
        status: 429,
        retryAfterMs: this.#nextExpiry(client),
        message: `Too many sessions from this client (${maxPerClient} open): close one (HTTP DELETE with its Mcp-Session-Id) or wait until an idle one expires.`,
      };
    }
    if (this.#entries.size >= maxSessions) {
      return {
        status: 503,
        retryAfterMs: this.#nextExpiry(undefined),
        message: `The server has its maximum of ${maxSessions} sessions open: try again when an idle one expires.`,
      };
    }
    return undefined;
  }

  add(id: string, client: string, session: S): void {
    this.#entries.set(id, { session, client, lastSeen: this.#limits.now(), busy: 0 });
    this.#perClient.set(client, (this.#perClient.get(client) ?? 0) + 1);
  }

  /** The live session with this id, or undefined (unknown, or expired and now closed). */
  get(id: string): S | undefined {
    const entry = this.#entries.get(id);
    if (entry === undefined) return undefined;
    if (this.#expired(entry)) {
      this.#close(id, entry);
      return undefined;
    }
    return entry.session;
  }

  /** Marks a request of the session as started; the returned function marks it done. */
  begin(id: string): () => void {
    const entry = this.#entries.get(id);
    if (entry === undefined) return () => {};
    entry.busy++;
    entry.lastSeen = this.#limits.now();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      entry.busy--;
      entry.lastSeen = this.#limits.now();
    };
  }

  /** Records a request that does not hold the session (a GET stream): activity, not work. */
  touch(id: string): void {
    const entry = this.#entries.get(id);
    if (entry !== undefined) entry.lastSeen = this.#limits.now();
  }

  /** Forgets a session that closed itself (DELETE, transport closed); does not close it again. */
  remove(id: string): void {
    const entry = this.#entries.get(id);
    if (entry !== undefined) this.#forget(id, entry);
  }

  /** Closes every session idle for `idleMs` or longer. */
  expireIdle(): void {
    for (const [id, entry] of this.#entries) if (this.#expired(entry)) this.#close(id, entry);
  }

  /** Closes every session. */
  async closeAll(): Promise<void> {
    const entries = [...this.#entries];
    for (const [id, entry] of entries) this.#forget(id, entry);
    await Promise.allSettled(entries.map(([, entry]) => entry.session.close()));
  }

  #expired(entry: Entry<S>): boolean {
    return entry.busy === 0 && this.#limits.now() - entry.lastSeen >= this.#limits.idleMs;
  }

  #close(id: string, entry: Entry<S>): void {
    this.#forget(id, entry);
    void entry.session.close().catch(() => {});
  }

  #forget(id: string, entry: Entry<S>): void {
    if (!this.#entries.delete(id)) return;
    const left = (this.#perClient.get(entry.client) ?? 1) - 1;
    if (left > 0) this.#perClient.set(entry.client, left);
    else this.#perClient.delete(entry.client);
  }

  /** Milliseconds until the first idle session (of `client`, or of anyone) would expire; at least 1 s. */
  #nextExpiry(client: string | undefined): number {
    const now = this.#limits.now();
    let soonest = this.#limits.idleMs;
    for (const entry of this.#entries.values()) {
      if (client !== undefined && entry.client !== client) continue;
      if (entry.busy === 0) soonest = Math.min(soonest, entry.lastSeen + this.#limits.idleMs - now);
    }
    return Math.max(1000, soonest);
  }
}
