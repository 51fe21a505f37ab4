import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from "@azure/msal-node";
import { Agent, fetch as undiciFetch } from "undici";

/** A `fetch` that trusts the emulator's CA for this client only (no process-wide TLS switch). */
export function trustingFetch(ca: string): typeof fetch {
  const agent = new Agent({ connect: { ca } });
  return ((input: string | URL, init?: RequestInit) =>
    undiciFetch(input as string, { ...(init as object), dispatcher: agent })) as unknown as typeof fetch;
}

/**
 * MSAL's `system.networkClient` over a CA-trusting fetch: MSAL itself is unmodified, only its HTTP
 * transport trusts the emulator's certificate.
 */
export function msalNetworkClient(ca: string): INetworkModule {
  const f = trustingFetch(ca);
  const send = async <T>(
    method: string,
    url: string,
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> => {
    const res = await f(url, {
      method,
      headers: options?.headers ?? {},
      ...(options?.body === undefined ? {} : { body: options.body }),
    });
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const text = await res.text();
    return { headers, body: (text === "" ? {} : JSON.parse(text)) as T, status: res.status };
  };
  return {
    sendGetRequestAsync: (url, options) => send("GET", url, options),
    sendPostRequestAsync: (url, options) => send("POST", url, options),
  };
}
