import { StdioServerTransport } from "../mcp-sdk.ts";
import type { Transport } from "./transport.ts";

/** MCP over stdin/stdout, one client, one server; ends when stdin does. */
export const serveStdio: Transport = async (_config, { createServer, onEnd }) => {
  const server = createServer();
  await server.connect(new StdioServerTransport());
  process.stdin.once("end", onEnd);
  return { where: "ready on stdio", notes: [], close: () => server.close() };
};
