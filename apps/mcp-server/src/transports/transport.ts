import type { McpConfig } from "../config.ts";
import type { McpServer } from "../mcp-sdk.ts";

/** What the bin gives a transport. */
export interface TransportContext {
  /** Makes one MCP server acting on the tenant: stdio needs one, HTTP one per session. */
  createServer: () => McpServer;
  /** A diagnostic line on stderr (stdout may be the protocol). */
  say: (line: string) => void;
  /** The client is gone for good (stdio: stdin ended): the bin shuts down. */
  onEnd: () => void;
}

/** A transport that serves until closed. */
export interface ServingTransport {
  /** Where it serves, for the ready line: `ready on stdio`, `serving http://…/mcp`. */
  where: string;
  /** Lines printed after the ready line: warnings, and how to connect a client. */
  notes: readonly string[];
  close(): Promise<void>;
}

/**
 * One way to serve ciam-mcp, started with the command line's settings. A new transport is a file in
 * this folder and an entry in {@link transports} (`index.ts`).
 */
export type Transport = (config: McpConfig, context: TransportContext) => Promise<ServingTransport>;
