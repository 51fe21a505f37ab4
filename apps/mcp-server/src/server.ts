import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { packageInfo } from "./package-info.ts";

/** Builds the ciamkit MCP server. Tools are registered from the core operation catalog. */
export function createCiamMcpServer(): McpServer {
  return new McpServer(
    { name: "ciamkit", title: "ciamkit: Microsoft Entra External ID", version: packageInfo.version },
    {
      instructions:
        "Tools to manage a Microsoft Entra External ID (customer identity) tenant through Microsoft Graph and Azure Resource Manager.",
    },
  );
}
