import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { connect } from "node:net";

/** A local HTTP CONNECT proxy that records the `host:port` of every tunnel it opens. */
export interface ConnectProxy {
  url: string;
  /** The targets of the tunnels opened so far, in order. */
  tunnels: string[];
  close(): Promise<void>;
}

/** Starts a CONNECT proxy on 127.0.0.1, port 0 (what a corporate proxy does for HTTPS, minus the policy). */
export async function startConnectProxy(): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((_req, res) => {
    res.writeHead(405).end("this proxy only tunnels (CONNECT)");
  });
  server.on("connect", (req, client, head) => {
    sockets.add(client as Socket);
    const target = req.url ?? "";
    tunnels.push(target);
    const port = Number(target.slice(target.lastIndexOf(":") + 1));
    const host = target.slice(0, target.lastIndexOf(":")).replace(/^\[|\]$/g, "");
    const upstream = connect(port, host, () => {
      sockets.add(upstream);
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
