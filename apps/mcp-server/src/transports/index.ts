import type { McpConfig } from "../config.ts";
import { serveStdio } from "./stdio.ts";
import { serveStreamableHttp } from "./streamable-http.ts";
import type { Transport } from "./transport.ts";

export type { ServingTransport, Transport, TransportContext } from "./transport.ts";

/** The transports by `McpConfig.transport`: the type refuses a transport name without one. */
export const transports: Record<McpConfig["transport"], Transport> = {
  stdio: serveStdio,
  http: serveStreamableHttp,
};
