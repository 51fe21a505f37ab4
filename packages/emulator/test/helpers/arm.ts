import { PublicClientApplication } from "@azure/msal-node";
import type { WorkforceConnection } from "../../src/seed/workforce-seed.ts";
import type { TestEmulator } from "./emulator.ts";
import { tokenFor } from "./graph-calls.ts";
import { msalNetworkClient } from "./https.ts";

export const ARM_DEFAULT = "https://management.azure.com/.default";
export const API = "api-version=2024-05-01";

/** An app-only ARM token for the demo tenant's management app, from the token endpoint. */
export function demoAppArmToken(t: TestEmulator): Promise<string> {
  return tokenFor(t, t.tenant.tenantId, t.tenant.clientId, t.tenant.clientSecret, ARM_DEFAULT);
}

/** The demo seed's workforce tenant (fails the test when absent). */
export function workforceOf(t: TestEmulator): WorkforceConnection {
  const w = t.emu.workforce;
  if (w === undefined) throw new Error("no workforce tenant in the seed");
  return w;
}

/**
 * A delegated token through MSAL's device code flow, approved for `upn` through the control API
 * as the other tests do; `authority` and the public client `clientId` default to the workforce tenant's.
 */
export async function deviceCodeToken(
  t: TestEmulator,
  upn: string,
  scope: string,
  authority = workforceOf(t).authority,
  clientId = workforceOf(t).publicClientId,
): Promise<string> {
  const w = workforceOf(t);
  const pca = new PublicClientApplication({
    auth: { clientId, authority, knownAuthorities: w.knownAuthorities },
    system: { networkClient: msalNetworkClient(t.emu.caCertPem) },
  });
  const result = await pca.acquireTokenByDeviceCode({
    scopes: [scope],
    deviceCodeCallback: (response) => {
      void t.control("POST", "/device-codes/approve", {
        userCode: response.userCode,
        userPrincipalName: upn,
      });
    },
  });
  if (result === null) throw new Error("no token");
  return result.accessToken;
}

/** Calls ARM with a bearer token and a JSON body. */
export async function arm(
  t: TestEmulator,
  token: string,
  method: string,
  pathAndQuery: string,
  body?: unknown,
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const url = pathAndQuery.startsWith("https://") ? pathAndQuery : `${t.emu.armUrl}${pathAndQuery}`;
  const res = await t.fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>),
  };
}

/** The ARM path of a `ciamDirectories` resource (or of the collection when `name` is empty). */
export function directoryPath(w: WorkforceConnection, name: string, resourceGroup = w.resourceGroup): string {
  const base = `/subscriptions/${w.subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.AzureActiveDirectory/ciamDirectories`;
  return name === "" ? base : `${base}/${name}`;
}

/** A create body for the given location and country. */
export function createBody(
  displayName: string,
  location = "Europe",
  countryCode = "FR",
): Record<string, unknown> {
  return {
    location,
    sku: { name: "Standard", tier: "A0" },
    properties: { createTenantProperties: { displayName, countryCode } },
    tags: { env: "test" },
  };
}

/** Waits as told by `Retry-After` (seconds). */
export function waitRetryAfter(headers: Headers): Promise<void> {
  const seconds = Number(headers.get("retry-after") ?? "1");
  return new Promise((resolve) => setTimeout(resolve, seconds * 1000));
}
