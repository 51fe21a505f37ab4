// The one module of the server that imports the MCP SDK: everything else imports the SDK's classes
// and types from here, so that a new major version of the SDK is adapted in this file (and the test
// `sdk-imports.test.ts` keeps it so).
export { Client } from "@modelcontextprotocol/sdk/client/index.js";
export { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
export type { Server } from "@modelcontextprotocol/sdk/server/index.js";
export { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
export { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
export { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
export type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
export type {
  CallToolResult,
  ListToolsResult,
  ServerNotification,
  ServerRequest,
  Tool,
  ToolAnnotations,
} from "@modelcontextprotocol/sdk/types.js";
export {
  ErrorCode,
  isInitializeRequest,
  ListToolsRequestSchema,
  McpError,
} from "@modelcontextprotocol/sdk/types.js";
