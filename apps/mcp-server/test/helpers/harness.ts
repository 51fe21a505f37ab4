import type { CiamClient } from "@ciamkit/core";
import { type RunningEmulator, startEmulator } from "@ciamkit/emulator";
import { Client, type ClientOptions } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { ElicitRequestSchema, type ElicitResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll } from "vitest";
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

/** An object that forwards to what `current` gives when it is used (once a `beforeAll` has made it). */
function lateBound<T extends object>(current: () => T | undefined, what: string): T {
  return new Proxy({} as T, {
    get(_, key) {
      const target = current();
      if (target === undefined) throw new Error(`the ${what} starts in beforeAll: use it in hooks and tests`);
      const value: unknown = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** The backend of one test file: started before its tests, closed after them. */
export function useBackend(): Backend {
  let backend: Backend | undefined;
  beforeAll(async () => {
    backend = await startBackend();
  });
  afterAll(() => backend?.close());
  return lateBound(() => backend, "backend");
}

/** An MCP client on the file's backend (see {@link connectClient}): connected before its tests, closed after. */
export function useClient(
  backend: Backend,
  options: Omit<CiamMcpServerOptions, "runner"> = {},
  clientOptions: ClientOptions = {},
): Client {
  let client: Client | undefined;
  beforeAll(async () => {
    client = await connectClient(backend, options, clientOptions);
  });
  afterAll(() => client?.close());
  return lateBound(() => client, "client");
}

/**
 * An MCP client on the file's backend that supports elicitation and answers every question with
 * `answer`; `shown` collects the messages it was asked, in order.
 */
export function useElicitingClient(
  backend: Backend,
  answer: ElicitResult,
): { client: Client; shown: string[] } {
  const client = useClient(backend, {}, { capabilities: { elicitation: {} } });
  const shown: string[] = [];
  beforeAll(() => {
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      shown.push(request.params.message);
      return answer;
    });
  });
  return { client, shown };
}
