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

/** Decodes a JWT's payload without verifying it (tests inspect the claims the emulator issued). */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<
    string,
    unknown
  >;
}
