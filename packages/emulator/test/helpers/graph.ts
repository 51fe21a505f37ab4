import { afterAll, beforeAll, beforeEach, vi } from "vitest";
import type { EmulatorOptions } from "../../src/emulator.ts";
import type { JsonObject } from "../../src/store/json.ts";
import type { TenantState } from "../../src/store/store.ts";
import { startTestEmulator, type TestEmulator } from "./emulator.ts";
import { msalAppToken, registerApp } from "./limited-apps.ts";

/** A Graph response as the tests read it: status, headers, parsed body and Graph's error, if any. */
export interface TestResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are Graph JSON that tests assert on structurally
  body: any;
  error?: { code: string; message: string; details?: readonly { code: string; target?: string }[] };
}

/** Plain `fetch` to the emulator's Graph over HTTPS with a bearer token from MSAL. */
export interface GraphClient {
  call(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<TestResponse>;
  post(url: string, body: unknown): Promise<TestResponse>;
  patch(url: string, body: unknown): Promise<TestResponse>;
  del(url: string): Promise<TestResponse>;
}

/** An emulator for one test file, the demo tenant's management app as `g`, and apps with chosen permissions. */
export interface GraphFixture {
  t: TestEmulator;
  /** The demo management app (its application permissions: DEMO_APP_PERMISSIONS). */
  g: GraphClient;
  /** The demo tenant's live state (for assertions on what Graph does not serve, such as hashes). */
  readonly tenant: TenantState;
  /** Registers an app granted exactly these Graph application permissions and signs it in with MSAL. */
  as(permissions: readonly string[], displayName?: string): Promise<GraphClient & { appId: string }>;
  /** Back to the freshly seeded demo tenant (between tests). */
  reset(): Promise<void>;
  /** Moves the clock (Date only) forward: timestamps of later changes differ. */
  tick(ms: number): void;
}

function client(t: TestEmulator, token: () => Promise<string>): GraphClient {
  const call = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await t.fetch(url.startsWith("https://") ? url : `${t.emu.graphUrl}/v1.0${url}`, {
      method,
      headers: {
        authorization: `Bearer ${await token()}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    const type = res.headers.get("content-type") ?? "";
    const parsed = text !== "" && type.includes("json") ? JSON.parse(text) : text === "" ? undefined : text;
    const out: TestResponse = { status: res.status, headers: res.headers, body: parsed };
    if (res.status >= 400 && parsed?.error !== undefined) out.error = parsed.error;
    return out;
  };
  return {
    call,
    get: (url, headers) => call("GET", url, undefined, headers),
    post: (url, body) => call("POST", url, body),
    patch: (url, body) => call("PATCH", url, body),
    del: (url) => call("DELETE", url),
  };
}

/** Starts the emulator (no throttling) for a test file; stop it with `fx.t.emu.stop()` in `afterAll`. */
export async function graphFixture(options: EmulatorOptions = {}): Promise<GraphFixture> {
  // Tests of this file make many HTTPS round trips and MSAL sign-ins (some generate RSA keys): on a
  // loaded 2-core CI machine that can pass vitest's 5 s default without anything being wrong.
  vi.setConfig({ testTimeout: 30_000 });
  const t = await startTestEmulator({ throttling: false, ...options });
  let demoToken: string | undefined;
  const g = client(t, async () => {
    demoToken ??= await t.graphToken();
    return demoToken;
  });
  const fx: GraphFixture = {
    t,
    g,
    get tenant() {
      return t.emu.store.tenant("contoso") as TenantState;
    },
    async as(permissions, displayName = "test-app") {
      const app = await registerApp((m, p, b) => g.call(m, p, b), permissions, displayName);
      const token = await msalAppToken(t, app.appId, app.secret);
      return { ...client(t, async () => token), appId: app.appId };
    },
    async reset() {
      vi.useRealTimers();
      const r = await t.control("POST", "/reset", {});
      if (r.status !== 200) throw new Error(`reset: ${r.status}`);
    },
    tick(ms) {
      const now = Date.now();
      vi.useFakeTimers({ toFake: ["Date"], now });
      vi.setSystemTime(now + ms);
    },
  };
  return fx;
}

/** A local customer account create body. */
export function customer(email: string, extra: JsonObject = {}): JsonObject {
  return {
    displayName: email.split("@")[0] as string,
    identities: [{ signInType: "emailAddress", issuer: "contoso.onmicrosoft.com", issuerAssignedId: email }],
    passwordProfile: { password: "Xy7!kq#Lm2", forceChangePasswordNextSignIn: false },
    passwordPolicies: "DisablePasswordExpiration",
    ...extra,
  };
}

/**
 * One emulator for the test file (started in `beforeAll`, stopped in `afterAll`) and, unless `reset`
 * is false, the freshly seeded demo tenant before each test. `fx` and `g` forward to the fixture once
 * it has started, so a test file declares them once: `const { fx, g } = useGraphFixture();`.
 */
export function useGraphFixture(options: { reset?: boolean; emulator?: EmulatorOptions } = {}): {
  fx: GraphFixture;
  g: GraphClient;
} {
  let current: GraphFixture | undefined;
  const started = (): GraphFixture => {
    if (current === undefined) throw new Error("useGraphFixture: the emulator starts in beforeAll");
    return current;
  };
  beforeAll(async () => {
    current = await graphFixture(options.emulator);
  });
  afterAll(() => current?.t.emu.stop());
  if (options.reset !== false) beforeEach(() => started().reset());
  const fx = new Proxy({} as GraphFixture, {
    get: (_, name) => Reflect.get(started(), name),
  });
  const g: GraphClient = {
    call: (...a) => started().g.call(...a),
    get: (...a) => started().g.get(...a),
    post: (...a) => started().g.post(...a),
    patch: (...a) => started().g.patch(...a),
    del: (...a) => started().g.del(...a),
  };
  return { fx, g };
}
