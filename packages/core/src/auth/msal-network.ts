import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from "@azure/msal-node";

/**
 * MSAL's `system.networkClient` on a given `fetch` (the one carrying the trusted CA), mirroring
 * msal-node's own HttpClient (headers lower-cased, JSON body, optional GET timeout). Configuration,
 * not modification: MSAL decides every request; this only carries it.
 */
export function msalNetworkClient(fetchImpl: typeof fetch): INetworkModule {
  async function send<T>(
    url: string,
    method: "GET" | "POST",
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    const signal = timeout ? AbortSignal.timeout(timeout) : undefined;
    const response = await fetchImpl(url, {
      method,
      headers: options?.headers ?? {},
      ...(method === "POST" ? { body: options?.body ?? "" } : {}),
      ...(signal === undefined ? {} : { signal }),
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = text === "" ? {} : JSON.parse(text);
    } catch {
      body = {
        error: "invalid_response",
        error_description: `Non-JSON response (HTTP ${response.status}) from the token service.`,
      };
    }
    return { headers, body: body as T, status: response.status };
  }
  return {
    sendGetRequestAsync: (url, options, timeout) => send(url, "GET", options, timeout),
    sendPostRequestAsync: (url, options) => send(url, "POST", options),
  };
}
