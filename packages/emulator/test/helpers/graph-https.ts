import { seedDirectory } from "../../src/graph/seed-directory.ts";
import { startTestEmulator, type TestEmulator } from "./emulator.ts";
import { msalAppToken } from "./limited-apps.ts";

/** A Graph response read as JSON (undefined body for 204). */
export interface GraphReply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: Graph JSON that tests assert on structurally
  body: any;
}

/** Calls Graph over HTTPS with a bearer token; paths start with the version (`/v1.0/…`). */
export function graphCaller(t: TestEmulator, token: () => string) {
  const call = async (method: string, path: string, body?: unknown): Promise<GraphReply> => {
    const res = await t.fetch(`${t.emu.graphUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token()}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text === "" ? undefined : JSON.parse(text) };
  };
  return {
    get: (path: string) => call("GET", path),
    post: (path: string, body: unknown) => call("POST", path, body),
    patch: (path: string, body: unknown) => call("PATCH", path, body),
    del: (path: string) => call("DELETE", path),
  };
}

export type GraphCaller = ReturnType<typeof graphCaller>;

/**
 * Registers an app holding only `permissions` in the demo tenant and returns an app-only Graph token
 * for it through MSAL, to check what a caller without the right permission gets.
 */
export async function limitedToken(
  t: TestEmulator,
  name: string,
  permissions: readonly string[],
): Promise<string> {
  const tenant = t.emu.store.tenant(t.tenant.tenantId);
  if (tenant === undefined) throw new Error("no demo tenant");
  const seeded = seedDirectory(tenant, {
    seed: `limited:${name}`,
    apps: [{ displayName: name, graphPermissions: permissions }],
  });
  const app = seeded.apps[0];
  if (app?.secret == null) throw new Error("no secret");
  return msalAppToken(t, app.appId, app.secret);
}

/** The emulator with an admin Graph caller and a caller holding only some permissions. */
export interface ReaderSession {
  t: TestEmulator;
  /** The demo tenant's management app (every permission it is seeded with). */
  g: GraphCaller;
  /** An app named `name` holding only the permissions asked for. */
  reader: GraphCaller;
}

/** Starts the emulator (throttling off) with an admin caller and a `reader` app holding `permissions`. */
export async function startWithReader(name: string, permissions: readonly string[]): Promise<ReaderSession> {
  const t = await startTestEmulator({ throttling: false });
  const token = await t.graphToken();
  const readToken = await limitedToken(t, name, permissions);
  return { t, g: graphCaller(t, () => token), reader: graphCaller(t, () => readToken) };
}
