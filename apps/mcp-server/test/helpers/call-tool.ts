import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { textOf } from "./harness.ts";

/** Calls a tool as a model would and returns its structured result; throws (failing the test) on an isError result. */
export async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const result = await client.callTool({ name, arguments: args });
  if (result.isError === true) throw new Error(`${name} failed: ${textOf(result)}`);
  return result.structuredContent as Record<string, unknown>;
}
