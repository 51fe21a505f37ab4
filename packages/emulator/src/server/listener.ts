import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { jsonReply, sendReply } from "./http.ts";
import type { TlsMaterial } from "./tls.ts";

/** A bound HTTPS listener for one service. */
export interface Listener {
  origin: string;
  port: number;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Starts an HTTPS server on `host:port` (0 = any free port). A handler that throws gets a 500 and
 * a line on stderr, never a crashed process.
 */
export async function listen(
  tls: TlsMaterial,
  host: string,
  port: number,
  handler: Handler,
): Promise<Listener> {
  const server: Server = createServer(
    { cert: tls.cert, key: tls.key, keepAliveTimeout: 30_000 },
    (req, res) => {
      handler(req, res).catch((err: unknown) => {
        console.error(`ciam-emulator: ${req.method} ${req.url?.split("?")[0]} failed:`, err);
        sendReply(
          res,
          jsonReply(500, {
            error: { code: "InternalServerError", message: "Encountered an internal server error." },
          }),
        );
      });
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  const hostPart = host.includes(":") ? `[${host}]` : host;
  return {
    origin: `https://${hostPart}:${bound}`,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
