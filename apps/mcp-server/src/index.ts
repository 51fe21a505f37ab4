// The public surface of @ciamkit/mcp-server: explicit named exports only.
export { createCiamMcpServer } from "./server.ts";
