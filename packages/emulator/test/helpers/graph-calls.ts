import { GRAPH_APP_ROLES } from "../../src/graph/entities/graph-service-principal.ts";
import type { TestEmulator } from "./emulator.ts";
import { registerApp } from "./limited-apps.ts";

/** A Graph answer: status, headers, and the body as JSON (or bytes/text when not JSON). */
export interface Reply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: Graph JSON that tests assert on structurally
  body: any;
  bytes: Buffer;
}

/** Calls the emulator's Graph over HTTPS with a bearer token. A Buffer or string body is sent as is, anything else as JSON. */
export async function call(
  t: TestEmulator,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const raw = Buffer.isBuffer(body) || typeof body === "string";
  const res = await t.fetch(`${t.emu.graphUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined && !raw ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    ...(body === undefined ? {} : { body: raw ? (body as string | Buffer) : JSON.stringify(body) }),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  let parsed: unknown = bytes.toString("utf8");
  if (/json/.test(res.headers.get("content-type") ?? ""))
    parsed = bytes.length === 0 ? undefined : JSON.parse(bytes.toString("utf8"));
  return { status: res.status, headers: res.headers, body: parsed, bytes };
}

/** A client-credentials token from the emulator's token endpoint (for Graph unless `scope` says otherwise). */
export async function tokenFor(
  t: TestEmulator,
  tenantId: string,
  clientId: string,
  clientSecret: string,
  scope = "https://graph.microsoft.com/.default",
): Promise<string> {
  const res = await t.fetch(`${t.emu.loginUrl}/${tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: clientSecret,
      scope,
    }),
  });
  const json = (await res.json()) as { access_token?: string; error_description?: string };
  if (json.access_token === undefined) throw new Error(`no token: ${json.error_description}`);
  return json.access_token;
}

/**
 * Registers an app in the demo tenant through Graph (app, service principal, secret, the given
 * application permissions) and returns a token for it: a caller holding exactly those permissions.
 */
export async function appWith(
  t: TestEmulator,
  admin: string,
  permissions: readonly string[],
): Promise<{ token: string; appId: string; spId: string }> {
  const app = await registerApp(
    (method, path, body) => call(t, admin, method, `/v1.0${path}`, body),
    permissions,
    `limited ${permissions.join(",") || "none"}`,
  );
  return {
    token: await tokenFor(t, t.tenant.tenantId, app.appId, app.secret),
    appId: app.appId,
    spId: app.spId,
  };
}

/**
 * An API registered in the tenant (app + service principal) that a custom extension can call; with
 * `receivePayload`, granted CustomAuthenticationExtensions.Receive.Payload on Graph. Returns its appId.
 */
export async function extensionApi(
  t: TestEmulator,
  token: string,
  displayName: string,
  receivePayload: boolean,
): Promise<string> {
  const app = (await call(t, token, "POST", "/v1.0/applications", { displayName })).body;
  const sp = (await call(t, token, "POST", "/v1.0/servicePrincipals", { appId: app.appId })).body;
  if (receivePayload) {
    const graph = (
      await call(t, token, "GET", "/v1.0/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')")
    ).body;
    await call(t, token, "POST", `/v1.0/servicePrincipals/${graph.id}/appRoleAssignedTo`, {
      principalId: sp.id,
      resourceId: graph.id,
      appRoleId: GRAPH_APP_ROLES["CustomAuthenticationExtensions.Receive.Payload"],
    });
  }
  return app.appId;
}
