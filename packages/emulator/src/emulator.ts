import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { handleArm } from "./arm/arm-service.ts";
import { ArmRuntime, type ArmSettingsInput } from "./arm/arm-settings.ts";
import type { EmulatorContext } from "./context.ts";
import { CONTROL_PREFIX, handleControl } from "./control/control-api.ts";
import { createControl } from "./control/create-control.ts";
import type { EmulatorControl } from "./control/emulator-control.ts";
import { Monitor } from "./control/monitor.ts";
import { serveGraph } from "./graph/front-door.ts";
import type { GraphRoute } from "./graph/route.ts";
import { graphRoutes } from "./graph/routes/index.ts";
import { AccessTokenVerifier } from "./login/access-token.ts";
import { AssertionReplayCache } from "./login/client-auth.ts";
import { DeviceCodes } from "./login/device-codes.ts";
import { handleLogin } from "./login/login-service.ts";
import { RefreshTokens } from "./login/refresh-tokens.ts";
import { createSigningKeys } from "./login/signing-keys.ts";
import { type DataDirLock, type DataDirLockOptions, lockDataDir } from "./persist/dir-lock.ts";
import { Persistence } from "./persist/journal.ts";
import { emitWarning } from "./persist/private-files.ts";
import { DEFAULT_RETENTION, type RetentionPolicy } from "./persist/retention.ts";
import { FaultInjector, type FaultSettingsInput } from "./policy/faults.ts";
import type { ThrottleSettingsInput } from "./policy/throttle-settings.ts";
import { Throttler } from "./policy/throttling.ts";
import type { TenantConnection } from "./seed/demo-seed.ts";
import type { WorkforceConnection } from "./seed/workforce-seed.ts";
import { lowerHeaders, readBody, sendReply } from "./server/http.ts";
import { type Listener, listen } from "./server/listener.ts";
import { generateCredentialCertificate, generateTls, type TlsMaterial } from "./server/tls.ts";
import { Store } from "./store/store.ts";

/** Options of {@link startEmulator}; every one has a default. */
export interface EmulatorOptions {
  /** Interface to bind: `127.0.0.1` by default (loopback only). */
  host?: string;
  /** Ports per service; 0 (default) picks a free one. */
  ports?: { login?: number; graph?: number; arm?: number };
  /** Certificate and key to serve, and the CA that issued them; generated at start when absent. */
  tls?: TlsMaterial;
  /**
   * Keep state in this directory (journal + snapshot); in memory when absent. One process at a
   * time uses a data directory: it is locked from loading until `stop()` has saved it.
   */
  dataDir?: string;
  /** With `dataDir`: whether and how long to wait while another process holds it (default: not at all). */
  dataDirLock?: DataDirLockOptions;
  /**
   * With `dataDir`: how long log records and deleted items are kept when the state is loaded and
   * saved (default: 30 days each, as Entra, and at most 10,000 records per log and tenant); `false`
   * keeps everything.
   */
  retention?: Partial<RetentionPolicy> | false;
  /** Where warnings go (a data directory whose mode could not be made owner-only); Node's warnings by default. */
  onWarning?: (message: string) => void;
  /** Seed number of the demo tenant `contoso` (default 1), or `false` for an empty emulator. */
  seed?: number | false;
  /** Throttling settings, or `false` to switch it off. On by default, with Graph's published budgets. */
  throttling?: ThrottleSettingsInput | false;
  /** Fault rules and their seed. */
  faults?: FaultSettingsInput;
  /** The Graph routes to serve (all of the emulator's by default). */
  routes?: readonly GraphRoute[];
  /** The control API key; random when absent. */
  controlKey?: string;
  /** Device code flow timing: polling interval (default 5 s) and code lifetime (default 900 s). */
  deviceCode?: { intervalSeconds?: number; lifetimeSeconds?: number };
  /** How long a refresh token stays valid unused (default 90 days, Entra's MaxInactiveTime). */
  refreshToken?: { lifetimeSeconds?: number };
  /** Requests the request log keeps (default 1000). */
  requestLogSize?: number;
  /** ARM: how long tenant creation/deletion takes (scaled by the throttling time scale) and bucket sizes. */
  arm?: ArmSettingsInput;
  /**
   * A CA certificate (PEM) trusted, besides Node's roots, when the token service calls a custom
   * authentication extension over https (a test's own endpoint); http is used for loopback targets.
   */
  customExtensionCa?: string;
}

/** A running emulator. */
export interface RunningEmulator {
  /** Origin of the token service: authorities are `${loginUrl}/{tenantId}`. */
  loginUrl: string;
  /** Origin of Microsoft Graph: requests go to `${graphUrl}/v1.0/…` and `${graphUrl}/beta/…`. */
  graphUrl: string;
  /** Origin of Azure Resource Manager. */
  armUrl: string;
  /** Base URL of the control API (`${graphUrl}/_emulator`). */
  controlUrl: string;
  /** The CA certificate (PEM) that clients trust to reach the emulator. */
  caCertPem: string;
  /** Key for the control API's `x-emulator-key` header. */
  controlKey: string;
  /** Connection details of the seeded tenants (current at the time of reading). */
  readonly tenants: TenantConnection[];
  /** The demo seed's workforce tenant, its subscription and admin (undefined without the demo seed). */
  readonly workforce: WorkforceConnection | undefined;
  store: Store;
  control: EmulatorControl;
  /** Closes the listeners and compacts the data dir. */
  stop(): Promise<void>;
}

/**
 * Starts the emulator: the Entra token service, Microsoft Graph and ARM, each on its own HTTPS
 * origin on loopback, seeded with the demo tenant unless told otherwise.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? "127.0.0.1";
  const warn = options.onWarning ?? emitWarning;
  // The lock comes first: a process that waits should not have spent the CPU on keys meanwhile.
  const lock =
    options.dataDir === undefined ? undefined : await lockDataDir(options.dataDir, options.dataDirLock, warn);
  try {
    return await startLocked(options, host, lock, warn);
  } catch (error) {
    lock?.release();
    throw error;
  }
}

async function startLocked(
  options: EmulatorOptions,
  host: string,
  lock: DataDirLock | undefined,
  warn: (message: string) => void,
): Promise<RunningEmulator> {
  const [tls, keys, demoCert] = await Promise.all([
    options.tls ?? generateTls([host]),
    createSigningKeys(),
    generateCredentialCertificate("ciamkit management"),
  ]);
  const store = new Store();
  const now = () => new Date();
  const retention = options.retention === false ? false : { ...DEFAULT_RETENTION, ...options.retention };
  const persistence =
    options.dataDir === undefined ? undefined : new Persistence(options.dataDir, warn, retention);
  const loaded = persistence?.open(store, now()).loaded ?? false;
  const ctx: EmulatorContext = {
    store,
    keys,
    verifier: new AccessTokenVerifier(keys),
    replay: new AssertionReplayCache(),
    deviceCodes: new DeviceCodes(
      options.deviceCode?.lifetimeSeconds ?? 900,
      options.deviceCode?.intervalSeconds ?? 5,
    ),
    refreshTokens: new RefreshTokens(options.refreshToken?.lifetimeSeconds),
    origins: { login: "", graph: "", arm: "" },
    throttler: new Throttler(options.throttling === false ? { enabled: false } : (options.throttling ?? {})),
    faults: new FaultInjector(options.faults ?? {}),
    monitor: new Monitor(options.requestLogSize ?? 1000),
    routes: options.routes ?? graphRoutes,
    arm: new ArmRuntime(options.arm ?? {}),
    customExtensionCa: options.customExtensionCa,
    now,
  };
  const controlKey = options.controlKey ?? randomBytes(24).toString("base64url");
  const control = createControl(ctx, persistence, demoCert, options.seed === false ? 1 : (options.seed ?? 1));

  const listeners: Listener[] = [];
  try {
    const ports = options.ports ?? {};
    const login = await listen(tls, host, ports.login ?? 0, (req, res) => serveLogin(ctx, req, res));
    listeners.push(login);
    const graph = await listen(tls, host, ports.graph ?? 0, (req, res) =>
      req.url?.startsWith(`${CONTROL_PREFIX}/`) === true
        ? serveControl(ctx, control, controlKey, req, res)
        : serveGraph(ctx, req, res),
    );
    listeners.push(graph);
    const arm = await listen(tls, host, ports.arm ?? 0, (req, res) => serveArm(ctx, req, res));
    listeners.push(arm);
    ctx.origins.login = login.origin;
    ctx.origins.graph = graph.origin;
    ctx.origins.arm = arm.origin;
  } catch (err) {
    await Promise.all(listeners.map((l) => l.close()));
    persistence?.close(store, now());
    throw err;
  }
  if (!loaded && options.seed !== false) await control.seedDemo(options.seed ?? 1);
  else control.adoptDemo();

  let stopped = false;
  return {
    loginUrl: ctx.origins.login,
    graphUrl: ctx.origins.graph,
    armUrl: ctx.origins.arm,
    controlUrl: `${ctx.origins.graph}${CONTROL_PREFIX}`,
    caCertPem: tls.ca,
    controlKey,
    get tenants() {
      return control.tenants();
    },
    get workforce() {
      return control.workforce();
    },
    store,
    control,
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.all(listeners.map((l) => l.close()));
      try {
        persistence?.close(store, now());
      } finally {
        lock?.release();
      }
    },
  };
}

async function serveLogin(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req, 1024 * 1024);
  const url = new URL(req.url ?? "/", ctx.origins.login);
  if (body === "too-large") {
    sendReply(res, { status: 413, headers: {} });
    return;
  }
  const headers = lowerHeaders(req);
  const reply = await handleLogin(ctx, {
    method: req.method ?? "GET",
    url,
    headers,
    body,
    remoteAddress: req.socket.remoteAddress ?? "127.0.0.1",
  });
  // The log names the app and tenant (never the credential) so a test can see who asked for tokens.
  const form = /x-www-form-urlencoded/i.test(headers["content-type"] ?? "")
    ? new URLSearchParams(body.toString("utf8"))
    : undefined;
  const segment = url.pathname.split("/")[1] ?? "";
  ctx.monitor.record({
    time: ctx.now().toISOString(),
    service: "login",
    method: req.method ?? "GET",
    path: url.pathname,
    status: reply.status,
    requestId: null,
    clientRequestId: url.searchParams.get("client-request-id") ?? headers["client-request-id"] ?? null,
    appId: form?.get("client_id") ?? null,
    tenantId: segment === "" ? null : (ctx.store.tenant(segment)?.info.id ?? null),
    resourceUnits: 0,
    faults: [],
    earlyRetry: false,
  });
  sendReply(res, reply);
}

async function serveArm(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const url = new URL(req.url ?? "/", ctx.origins.arm);
  if (body === "too-large") {
    sendReply(res, { status: 413, headers: {} });
    return;
  }
  const headers = lowerHeaders(req);
  const reply = await handleArm(ctx, req.method ?? "GET", url, headers, body);
  ctx.monitor.record({
    time: ctx.now().toISOString(),
    service: "arm",
    method: req.method ?? "GET",
    path: url.pathname,
    status: reply.status,
    requestId: reply.headers["x-ms-request-id"] ?? null,
    clientRequestId: headers["x-ms-client-request-id"] ?? null,
    appId: reply.caller?.appId ?? null,
    tenantId: reply.caller?.tenantId ?? null,
    resourceUnits: 0,
    faults: [],
    earlyRetry: false,
  });
  sendReply(res, reply);
}

async function serveControl(
  ctx: EmulatorContext,
  control: EmulatorControl,
  controlKey: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = await readBody(req, 512 * 1024 * 1024);
  if (body === "too-large") {
    sendReply(res, { status: 413, headers: {} });
    return;
  }
  const url = new URL(req.url ?? "/", ctx.origins.graph);
  sendReply(res, await handleControl(control, controlKey, req.method ?? "GET", url, lowerHeaders(req), body));
}
