// The public surface of @ciamkit/mcp-server: explicit named exports only.
export { type McpConfig, parseConfig, USAGE, UsageError } from "./config.ts";
export { type CiamMcpServerOptions, createCiamMcpServer } from "./server.ts";
export type { OperationRunner } from "./tools/operation-runner.ts";
export { selectOperations, type ToolSelection, UnknownToolError } from "./tools/select-operations.ts";
export {
  type McpHttpOptions,
  type McpHttpServer,
  startMcpHttpServer,
} from "./transports/http/http-server.ts";
