import { connectionHelp } from "./http/connection-help.ts";
import { startMcpHttpServer } from "./http/http-server.ts";
import type { Transport } from "./transport.ts";

/**
 * MCP over Streamable HTTP at `http://HOST:PORT/mcp` (`--http`), with its hardening: allowed hosts,
 * the bearer token, session caps, a session rate limit and idle expiry (`http/http-server.ts`).
 */
export const serveStreamableHttp: Transport = async (config, { createServer, say }) => {
  const http = await startMcpHttpServer({
    createServer,
    host: config.host,
    port: config.port,
    ...(config.token === undefined ? {} : { token: config.token }),
    insecureNoAuth: config.insecureNoAuth,
    ...config.httpSettings,
    log: say,
  });
  return {
    where: `serving ${http.url}`,
    notes: [
      ...(http.token === null
        ? ["WARNING: --insecure-no-auth: any local program can use this server without a token."]
        : []),
      connectionHelp(http.url, http.token, config.token !== undefined),
    ],
    close: () => http.close(),
  };
};
