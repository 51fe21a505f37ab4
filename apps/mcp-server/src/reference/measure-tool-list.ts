import { operationAreas } from "@ciamkit/core";
import { Client, InMemoryTransport, type ListToolsResult } from "../mcp-sdk.ts";
import { type CiamMcpServerOptions, createCiamMcpServer } from "../server.ts";

/** The size of one `tools/list` answer. */
export interface ToolListSize {
  /** How the server was started, as command-line flags. */
  selection: string;
  tools: number;
  /** Bytes of the JSON result as sent. */
  bytes: number;
  /** bytes / 4, the usual rule of thumb for English and JSON. */
  approxTokens: number;
  /** Approximate tokens by part of the tools: what to trim when the budget gets tight. */
  parts: ToolListParts;
}

/** Approximate tokens (bytes / 4) spent on each part of the listed tools. */
export interface ToolListParts {
  /** Names, titles and descriptions. */
  text: number;
  inputSchemas: number;
  outputSchemas: number;
  /** The four hints of each tool. */
  annotations: number;
}

/** Where a `tools/list` answer's bytes go, as approximate tokens. */
export function toolListParts(tools: ListToolsResult["tools"]): ToolListParts {
  const bytes = (value: unknown) => (value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value)));
  const sum = (f: (tool: ListToolsResult["tools"][number]) => number) =>
    Math.round(tools.reduce((n, tool) => n + f(tool), 0) / 4);
  return {
    text: sum((t) => bytes(t.name) + bytes(t.title) + bytes(t.description)),
    inputSchemas: sum((t) => bytes(t.inputSchema)),
    outputSchemas: sum((t) => bytes(t.outputSchema)),
    annotations: sum((t) => bytes(t.annotations)),
  };
}

/** Listing never runs an operation. */
const listingOnly = { run: () => Promise.reject(new Error("listing runs no operation")) };

/** Lists the tools of a server started with `options`, through a real client, and measures the answer. */
export async function measureToolList(
  selection: string,
  options: Omit<CiamMcpServerOptions, "runner">,
): Promise<ToolListSize & { result: ListToolsResult }> {
  const server = createCiamMcpServer({ runner: listingOnly, ...options });
  const client = new Client({ name: "ciamkit-measure", version: "1.0.0" });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
  try {
    const result = await client.listTools();
    const bytes = Buffer.byteLength(JSON.stringify(result));
    return {
      selection,
      tools: result.tools.length,
      bytes,
      approxTokens: Math.round(bytes / 4),
      parts: toolListParts(result.tools),
      result,
    };
  } finally {
    await client.close();
  }
}

/** The sizes the docs report: the full catalog, read-only, discovery, and each toolset alone. */
export async function measureAll(): Promise<ToolListSize[]> {
  const runs: [string, Omit<CiamMcpServerOptions, "runner">][] = [
    ["(all tools)", {}],
    ["--read-only", { readOnly: true }],
    ["--discovery", { discovery: true }],
    ...operationAreas().map((area): [string, Omit<CiamMcpServerOptions, "runner">] => [
      `--toolsets ${area}`,
      { toolsets: [area] },
    ]),
  ];
  const sizes: ToolListSize[] = [];
  for (const [selection, options] of runs) {
    const { result: _result, ...size } = await measureToolList(selection, options);
    sizes.push(size);
  }
  return sizes;
}
