import type { CiamClient } from "@ciamkit/core";
import { type RunningEmulator, startEmulator } from "@ciamkit/emulator";
import { Client, type ClientOptions } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { type CiamMcpServerOptions, createCiamMcpServer } from "../../src/server.ts";
import type { OperationRunner } from "../../src/tools/operation-runner.ts";
import { demoClient } from "./demo-client.ts";

/** The emulator with its demo tenant, and core's client on it (over HTTPS with the emulator's CA). */
export interface Backend {
  emulator: RunningEmulator;
  client: CiamClient;
  tenantId: string;
  close(): Promise<void>;
}

/** Starts the emulator in-process on port 0 and connects core's client as the demo management app. */
export async function startBackend(): Promise<Backend> {
  const emulator = await startEmulator({ throttling: false });
  const tenant = emulator.tenants[0];
  if (tenant === undefined) throw new Error("no demo tenant");
  const client = demoClient(emulator);
  return {
    emulator,
    client,
    tenantId: tenant.tenantId,
    close: async () => {
      await client.close();
      await emulator.stop();
    },
  };
}

/** An MCP server on the backend and a real SDK client linked to it in memory. */
export async function connectClient(
  backend: { client: OperationRunner },
  options: Omit<CiamMcpServerOptions, "runner"> = {},
  clientOptions: ClientOptions = {},
): Promise<Client> {
  const server = createCiamMcpServer({ runner: backend.client, ...options });
  const client = new Client({ name: "ciamkit-test", version: "1.0.0" }, clientOptions);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
  return client;
}

/** The text of a tool result's first content block. */
export function textOf(result: Record<string, unknown>): string {
  const content = result.content as { type: string; text?: string }[] | undefined;
  return content?.[0]?.text ?? "";
}
