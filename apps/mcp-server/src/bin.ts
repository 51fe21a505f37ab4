#!/usr/bin/env node
// stdout is the MCP protocol: everything else goes to stderr.
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { packageInfo } from "./package-info.ts";
import { createCiamMcpServer } from "./server.ts";

const args = process.argv.slice(2);
if (args.includes("--version")) {
  process.stderr.write(`${packageInfo.version}\n`);
  process.exit(0);
}

const server = createCiamMcpServer();
await server.connect(new StdioServerTransport());
process.stderr.write(`ciam-mcp ${packageInfo.version} ready on stdio\n`);
