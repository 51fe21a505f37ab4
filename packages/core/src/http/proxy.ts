/**
 * The proxy of the environment (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`, either case), honoured by
 * ciamkit's own transport: Node's `fetch` ignores them unless `NODE_USE_ENV_PROXY=1`, and even then
 * a request with a custom CA (its own dispatcher) went direct.
 */
import type * as Undici from "undici";

/** The proxy variables, each pair in the order undici reads them (lower case first). */
const PROXY_VARIABLES = [
  ["https_proxy", "HTTPS_PROXY"],
  ["http_proxy", "HTTP_PROXY"],
] as const;

/** A proxy variable that cannot be used: nothing was sent. */
export class ProxyConfigurationError extends Error {
  override readonly name = "ProxyConfigurationError";
  readonly kind = "usage";
}

/**
 * Whether the environment names a proxy, checked as a transport is made so that a value undici cannot
 * use is refused before anything is sent (MSAL would otherwise report it as an unreachable token
 * service). The value is never repeated: it may carry the proxy's password.
 */
export function proxyConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  let configured = false;
  for (const pair of PROXY_VARIABLES) {
    const name = pair.find((n) => env[n] !== undefined);
    const value = name === undefined ? "" : (env[name] ?? "").trim();
    if (name === undefined || value === "") continue;
    const url = URL.canParse(value) ? new URL(value) : undefined;
    if (url?.protocol !== "http:" && url?.protocol !== "https:") {
      throw new ProxyConfigurationError(
        `${name} is not a proxy URL: set it to one such as http://proxy.contoso.com:8080 (with user:password@ before the host if the proxy asks for it), or unset it to connect directly.`,
      );
    }
    configured = true;
  }
  return configured;
}

/**
 * The dispatcher for a transport: undici's `EnvHttpProxyAgent` when a proxy is configured (it also
 * honours `NO_PROXY`; the CA applies to direct connections and, through `requestTls`, to the TLS
 * inside the proxy's tunnel), an `Agent` trusting the CA otherwise.
 */
export function createDispatcher(
  undici: typeof Undici,
  ca: string[] | undefined,
  useProxy: boolean,
): Undici.Dispatcher {
  const direct = ca === undefined ? {} : { connect: { ca } };
  return useProxy
    ? new undici.EnvHttpProxyAgent(ca === undefined ? {} : { ...direct, requestTls: { ca } })
    : new undici.Agent(direct);
}
