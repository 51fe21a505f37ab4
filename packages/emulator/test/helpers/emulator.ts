import { afterAll, beforeAll } from "vitest";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../../src/emulator.ts";
import type { TenantConnection } from "../../src/seed/demo-seed.ts";
import { trustingFetch } from "./https.ts";
import { msalAppToken } from "./limited-apps.ts";

/** A started emulator with a CA-trusting fetch and the demo tenant's connection details. */
export interface TestEmulator {
  emu: RunningEmulator;
  fetch: typeof fetch;
  tenant: TenantConnection;
  /** A Graph app-only token for the demo management app, through MSAL (fresh, not cached). */
  graphToken(): Promise<string>;
  /** Calls the control API with the key. */
  control(method: string, path: string, body?: unknown): Promise<Response>;
}

/** Starts an emulator on free ports for a test file; stop it in `afterAll`. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emu = await startEmulator(options);
  const f = trustingFetch(emu.caCertPem);
  const tenant = emu.tenants[0] as TenantConnection;
  return {
    emu,
    fetch: f,
    tenant,
    graphToken: () => msalAppToken({ tenant, emu }, tenant.clientId, tenant.clientSecret),
    control(method, path, body) {
      return f(`${emu.controlUrl}${path}`, {
        method,
        headers: { "x-emulator-key": emu.controlKey, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    },
  };
}

/**
 * The emulator of one test file: started before its tests and stopped after them. What it returns
 * reads through to the started emulator, so use it inside hooks and tests.
 */
export function useTestEmulator(options: EmulatorOptions = {}): TestEmulator {
  let started: TestEmulator | undefined;
  beforeAll(async () => {
    started = await startTestEmulator(options);
  });
  afterAll(() => started?.emu.stop());
  return lateBound(() => started);
}

/** An object that forwards to what `current` gives when it is used (once a `beforeAll` has made it). */
export function lateBound<T extends object>(current: () => T | undefined): T {
  return new Proxy({} as T, {
    get(_, key) {
      const target = current();
      if (target === undefined) throw new Error("this starts in beforeAll: use it in hooks and tests");
      const value: unknown = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Back to the freshly seeded demo tenant, and a new Graph token for its management app (between tests). */
export async function resetWithToken(t: TestEmulator): Promise<string> {
  await t.emu.control.reset();
  return t.graphToken();
}

/** The id of the demo tenant's first user. */
export function firstUserId(t: TestEmulator): string {
  return String([...(t.emu.store.tenant(t.tenant.tenantId)?.collection("users").values() ?? [])][0]?.id);
}

/** A form-encoded POST, as the token endpoints take. */
export function form(fields: Record<string, string>): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  };
}

/** Decodes a JWT's payload without verifying it (tests inspect the claims the emulator issued). */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<
    string,
    unknown
  >;
}
