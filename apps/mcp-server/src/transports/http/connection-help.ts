/**
 * How to connect a client to the HTTP server, printed on stderr at start. A generated token is shown
 * so the user can paste it; a token the user set in CIAM_MCP_TOKEN is not repeated. The Inspector line
 * names `@latest`: on a Node older than the Inspector's `engines` (22.19 for 2.x), a bare name makes
 * npx pick an old 0.x release that rejects `--header`, while the latest runs there too (with warnings).
 */
export function connectionHelp(url: string, token: string | null, tokenFromEnvironment: boolean): string {
  const shown = token === null ? undefined : tokenFromEnvironment ? "$CIAM_MCP_TOKEN" : token;
  const header = shown === undefined ? "" : ` --header "Authorization: Bearer ${shown}"`;
  return [
    token === null
      ? "No token: requests are not authenticated."
      : tokenFromEnvironment
        ? "Bearer token: the value of CIAM_MCP_TOKEN."
        : `Bearer token: ${token}  (generated for this run; set CIAM_MCP_TOKEN to choose one)`,
    "Connect a client:",
    `  Claude Code:  claude mcp add --transport http ciamkit ${url}${header}`,
    `  Inspector:    npx -y @modelcontextprotocol/inspector@latest --cli ${url} --transport http${header} --method tools/list`,
    "  Other clients: see docs/mcp.md. Stop with Ctrl+C.",
  ].join("\n");
}
