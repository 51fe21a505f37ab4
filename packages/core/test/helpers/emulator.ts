import type { EmulatorOptions, RunningEmulator, TenantConnection } from "@ciamkit/emulator";
import { startEmulator } from "@ciamkit/emulator";
import { afterAll, afterEach, beforeAll } from "vitest";
import { clientSecretCredential } from "../../src/auth/client-secret.ts";
import type { Cloud } from "../../src/auth/clouds.ts";
import { customCloud } from "../../src/auth/clouds.ts";
import type { CiamClient, CiamClientOptions } from "../../src/client.ts";
import { createCiamClient } from "../../src/client.ts";
import type { LogEntry } from "../../src/http/logger.ts";
import { createFetchTransport } from "../../src/http/transport.ts";

/** A running emulator with the demo tenant and the matching ciamkit cloud. */
export interface CoreEmulator {
  emu: RunningEmulator;
  tenant: TenantConnection;
  cloud: Cloud;
  /** A client for the demo tenant's management app (client secret), logging into `logs`. */
  client(overrides?: Partial<CiamClientOptions>): CiamClient;
  logs: LogEntry[];
  /** Calls the control API. */
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

/** Starts the emulator in-process on port 0 with the demo tenant; throttling off unless asked. */
export async function startCoreEmulator(options: EmulatorOptions = {}): Promise<CoreEmulator> {
  const emu = await startEmulator({ throttling: false, ...options });
  const tenant = emu.tenants[0];
  if (tenant === undefined) throw new Error("the emulator seeded no tenant");
  const cloud = customCloud({
    name: "emulator",
    authorityHost: emu.loginUrl,
    graphEndpoint: emu.graphUrl,
    armEndpoint: emu.armUrl,
    knownAuthorities: tenant.knownAuthorities,
    ca: emu.caCertPem,
  });
  const logs: LogEntry[] = [];
  const clients: CiamClient[] = [];
  return {
    emu,
    tenant,
    cloud,
    logs,
    client(overrides = {}) {
      const logger = (entry: LogEntry) => logs.push(entry);
      const client = createCiamClient({
        credential: clientSecretCredential({
          tenantId: tenant.tenantId,
          clientId: tenant.clientId,
          clientSecret: tenant.clientSecret,
          cloud,
          logger,
        }),
        tenantId: tenant.tenantId,
        cloud,
        logger,
        retry: { baseDelayMs: 10, maxDelayMs: 50 },
        readAfterWrite: { delayMs: 20 },
        ...overrides,
      });
      clients.push(client);
      return client;
    },
    async control(method, path, body) {
      const transport = createFetchTransport({ ca: emu.caCertPem });
      const res = await transport.fetch(`${emu.controlUrl}${path}`, {
        method,
        headers: { "x-emulator-key": emu.controlKey, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      await transport.close();
      if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${text}`);
      return text === "" ? undefined : JSON.parse(text);
    },
    async stop() {
      await Promise.all(clients.map((c) => c.close()));
      await emu.stop();
    },
  };
}

/** An object that forwards to what `current` gives when it is used (once a hook has made it). */
export function lateBound<T extends object>(current: () => T | undefined): T {
  return new Proxy({} as T, {
    get(_, key) {
      const target = current();
      if (target === undefined) throw new Error("this is made in a hook: use it in hooks and tests");
      const value: unknown = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** What a test file works with: the running emulator and a client of the demo tenant's management app. */
export interface CoreEmulatorEnv {
  t: CoreEmulator;
  client: CiamClient;
}

/** How {@link useCoreEmulator} sets the file's emulator up. */
export interface CoreEmulatorHookOptions {
  clearFaults?: boolean;
  emulator?: EmulatorOptions;
}

/**
 * Registers the hooks most core test files share: one emulator (and one admin client) per file, stopped
 * after it; with `clearFaults`, injected faults are removed and throttling is switched off after each
 * test. It returns the emulator and client, reading through to them once started: use them in hooks
 * and tests.
 */
export function useCoreEmulator(options: CoreEmulatorHookOptions = {}): CoreEmulatorEnv {
  let env: CoreEmulatorEnv | undefined;
  beforeAll(async () => {
    const t = await startCoreEmulator(options.emulator);
    env = { t, client: t.client() };
  });
  afterAll(() => env?.t.stop());
  if (options.clearFaults === true) {
    afterEach(async () => {
      await env?.t.control("DELETE", "/faults");
      await env?.t.control("PUT", "/throttling", { enabled: false });
    });
  }
  return { t: lateBound(() => env?.t), client: lateBound(() => env?.client) };
}
