/**
 * The one interface every credential implements, and the cache in front of it: one in-flight token
 * request per scope (concurrent callers share it) and a refresh some minutes before expiry.
 */

/** An access token and when it stops being valid. */
export interface AccessToken {
  token: string;
  /** Expiry, milliseconds since the epoch. */
  expiresOnTimestamp: number;
  /** When the service suggests refreshing (`refresh_in`), if it said. */
  refreshAfterTimestamp?: number | undefined;
}

/** Options of {@link TokenProvider.getToken}. */
export interface GetTokenOptions {
  signal?: AbortSignal | undefined;
  /** Ask the token service for a new token even if a cached one is still valid (e.g. after a 401). */
  forceRefresh?: boolean | undefined;
}

/** Gives access tokens for a scope such as `https://graph.microsoft.com/.default`. */
export interface TokenProvider {
  getToken(scope: string, options?: GetTokenOptions): Promise<AccessToken>;
  /**
   * Closes the connections the credential keeps to the token service, so a program can exit
   * without waiting for idle keep-alive sockets. The credential stays usable (a later call
   * reconnects) and keeps its cached tokens. Optional for custom providers.
   */
  close?(): Promise<void>;
}

/** Options of {@link cachingTokenProvider}. */
export interface CachingOptions {
  /** Refresh this long before expiry (default 5 minutes, as MSAL and Azure Identity do). */
  refreshBeforeMs?: number;
  now?: () => number;
}

interface ScopeState {
  token?: AccessToken | undefined;
  inFlight?: Promise<AccessToken> | undefined;
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Wraps a token source so that concurrent callers for one scope share one request, a token is reused
 * until `refreshBeforeMs` before it expires (or until the service's `refresh_in`), and a failed refresh
 * falls back to the still-valid token. A caller's abort stops its wait, not the shared request.
 */
export function cachingTokenProvider(source: TokenProvider, options: CachingOptions = {}): TokenProvider {
  const refreshBeforeMs = options.refreshBeforeMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  const states = new Map<string, ScopeState>();

  const fresh = (token: AccessToken | undefined): token is AccessToken =>
    token !== undefined &&
    now() < token.expiresOnTimestamp - refreshBeforeMs &&
    (token.refreshAfterTimestamp === undefined || now() < token.refreshAfterTimestamp);

  return {
    getToken(scope, getOptions = {}) {
      let state = states.get(scope);
      if (state === undefined) {
        state = {};
        states.set(scope, state);
      }
      if (getOptions.forceRefresh !== true && fresh(state.token)) return Promise.resolve(state.token);
      let inFlight = state.inFlight;
      if (inFlight === undefined) {
        const current = state;
        inFlight = source
          .getToken(scope, { forceRefresh: getOptions.forceRefresh })
          .then(
            (token) => {
              current.token = token;
              return token;
            },
            (error: unknown) => {
              const previous = current.token;
              if (
                getOptions.forceRefresh !== true &&
                previous !== undefined &&
                now() < previous.expiresOnTimestamp
              ) {
                return previous;
              }
              throw error;
            },
          )
          .finally(() => {
            current.inFlight = undefined;
          });
        current.inFlight = inFlight;
      }
      return raceAbort(inFlight, getOptions.signal);
    },
    close: async () => {
      await source.close?.();
    },
  };
}
