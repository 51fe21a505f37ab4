import { randomBytes, randomUUID, X509Certificate } from "node:crypto";
import { CompactEncrypt } from "jose";
import type { EmulatorContext } from "../context.ts";
import { newDirectoryAudit } from "../graph/entities/directory-audit.ts";
import { GRAPH_APP_ID } from "../graph/entities/graph-service-principal.ts";
import { isoDate } from "../graph/entities/shape.ts";
import { COLLECTIONS } from "../store/collection-names.ts";
import type { JsonObject } from "../store/json.ts";
import type { TenantState } from "../store/store.ts";
import { signAccessToken } from "./access-token.ts";
import { issuerFor } from "./discovery.ts";
import { callExtension } from "./extension-call.ts";
import { findByAppId } from "./grants.ts";
import { interpretAnswer, type PasswordSubmitOutcome } from "./password-submit-answer.ts";

/** The first-party app that calls custom authentication extensions (`azp`/`appid` of its tokens). */
export const CUSTOM_EXTENSIONS_CALLER = "99045fe1-7639-4a75-9d4a-577b6ca3810f";
const CALLER_NAME = "Azure AD custom authentication extensions";
/** Lifetime of the token sent to the endpoint: a short one, as Entra's extension calls carry. */
const CALL_TOKEN_LIFETIME_S = 300;

/** Who signs in where, for the call's authentication context. */
export interface PasswordSubmitContext {
  tenant: TenantState;
  app: JsonObject;
  user: JsonObject;
  correlationId: string;
  ipAddress: string;
}

const asObject = (v: unknown): JsonObject | undefined =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as JsonObject) : undefined;

/**
 * The `onPasswordSubmitListener` that applies to the client app, when the user still carries its
 * migration flag (`migrationPropertyId` true), with the custom extension it calls.
 */
export function pendingMigration(
  tenant: TenantState,
  appId: string,
  user: JsonObject,
): { listener: JsonObject; handler: JsonObject; extension: JsonObject } | undefined {
  const key = appId.toLowerCase();
  for (const listener of tenant.collection(COLLECTIONS.authenticationEventListeners).values()) {
    if (listener["@odata.type"] !== "#microsoft.graph.onPasswordSubmitListener") continue;
    const apps = asObject(asObject(listener.conditions)?.applications);
    const included =
      apps?.includeAllApplications === true ||
      (Array.isArray(apps?.includeApplications) &&
        apps.includeApplications.some((a) => String(asObject(a)?.appId).toLowerCase() === key));
    if (!included) continue;
    const handler = asObject(listener.handler);
    const property = handler?.migrationPropertyId;
    // An unset attribute is not true: the emulator keeps no directory-extension default values.
    if (handler === undefined || typeof property !== "string" || user[property] !== true) continue;
    const extensionId = asObject(handler.customExtension)?.id;
    const extension =
      typeof extensionId === "string"
        ? tenant.collection(COLLECTIONS.customAuthenticationExtensions).get(extensionId)
        : undefined;
    if (extension !== undefined) return { listener, handler, extension };
  }
  return undefined;
}

/** The registration the extension authenticates as: the app whose appId or identifier URI is the resourceId. */
function extensionApp(tenant: TenantState, extension: JsonObject): JsonObject | undefined {
  const resourceId = asObject(extension.authenticationConfiguration)?.resourceId;
  if (typeof resourceId !== "string") return undefined;
  const wanted = resourceId.toLowerCase();
  for (const app of tenant.collection(COLLECTIONS.applications).values()) {
    if (String(app.appId).toLowerCase() === wanted) return app;
    if (
      Array.isArray(app.identifierUris) &&
      app.identifierUris.some((u) => String(u).toLowerCase() === wanted)
    )
      return app;
  }
  return undefined;
}

/** The public key of the extension app's `tokenEncryptionKeyId` certificate (usage Encrypt). */
function encryptionKey(app: JsonObject): { kid: string; key: X509Certificate["publicKey"] } | undefined {
  const kid = app.tokenEncryptionKeyId;
  if (typeof kid !== "string" || !Array.isArray(app.keyCredentials)) return undefined;
  const cred = app.keyCredentials
    .map(asObject)
    .find(
      (k) => k !== undefined && String(k.keyId).toLowerCase() === kid.toLowerCase() && k.usage === "Encrypt",
    );
  if (cred === undefined || typeof cred.key !== "string") return undefined;
  try {
    return { kid, key: new X509Certificate(Buffer.from(cred.key, "base64")).publicKey };
  } catch {
    return undefined;
  }
}

/** The password context: an unsigned JWT holding the password and a nonce, JWE-encrypted to the app's key. */
async function encryptContext(
  password: string,
  nonce: string,
  key: { kid: string; key: X509Certificate["publicKey"] },
  now: Date,
): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  const part = (v: object) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const unsigned = `${part({ alg: "none", typ: "JWT" })}.${part({ "user-password": password, nonce, iat, exp: iat + CALL_TOKEN_LIFETIME_S })}.`;
  return new CompactEncrypt(new TextEncoder().encode(unsigned))
    .setProtectedHeader({ alg: "RSA-OAEP-256", enc: "A256GCM", kid: key.kid, cty: "JWT" })
    .encrypt(key.key);
}

function principal(sp: JsonObject | undefined, app: JsonObject): JsonObject {
  const name = (sp?.displayName ?? app.displayName ?? null) as string | null;
  return {
    id: (sp?.id ?? null) as string | null,
    appId: String(app.appId),
    appDisplayName: name,
    displayName: name,
  };
}

const USER_FIELDS = [
  "id",
  "displayName",
  "givenName",
  "surname",
  "mail",
  "userPrincipalName",
  "userType",
  "createdDateTime",
  "preferredLanguage",
  "companyName",
] as const;

/**
 * Calls the listener's custom extension with the typed password (issue 16, /work/notes/jit-protocol.md)
 * and reads its answer. Nothing is changed here; {@link applyMigration} does that on MigratePassword.
 */
export async function submitPassword(
  ctx: EmulatorContext,
  call: PasswordSubmitContext,
  pending: NonNullable<ReturnType<typeof pendingMigration>>,
  password: string,
): Promise<PasswordSubmitOutcome> {
  const { tenant, app, user } = call;
  const { extension, listener } = pending;
  const target = asObject(extension.endpointConfiguration)?.targetUrl;
  const resourceApp = extensionApp(tenant, extension);
  const key = resourceApp === undefined ? undefined : encryptionKey(resourceApp);
  if (typeof target !== "string" || resourceApp === undefined || key === undefined) {
    return {
      kind: "failed",
      code: 1003000,
      reason:
        "The custom extension's app has no encryption certificate (tokenEncryptionKeyId) or the extension has no target URL.",
    };
  }
  const now = ctx.now();
  const nonce = randomBytes(24).toString("base64url");
  const token = await signAccessToken(
    ctx.keys,
    {
      aud: String(resourceApp.appId),
      iss: issuerFor(ctx.origins.login, tenant.info.id),
      tid: tenant.info.id,
      appid: CUSTOM_EXTENSIONS_CALLER,
      azp: CUSTOM_EXTENSIONS_CALLER,
      oid: CUSTOM_EXTENSIONS_CALLER,
      sub: CUSTOM_EXTENSIONS_CALLER,
      idtyp: "app",
      appidacr: "2",
      azpacr: "2",
    },
    now,
    CALL_TOKEN_LIFETIME_S,
  );
  const sps = tenant.collection(COLLECTIONS.servicePrincipals);
  const graph = findByAppId(sps, GRAPH_APP_ID);
  const body = {
    type: "microsoft.graph.authenticationEvent.passwordSubmit",
    source: `/tenants/${tenant.info.id}/applications/${String(app.appId)}`,
    data: {
      "@odata.type": "microsoft.graph.onPasswordSubmitCalloutData",
      tenantId: tenant.info.id,
      authenticationEventListenerId: String(listener.id),
      customAuthenticationExtensionId: String(extension.id),
      encryptedPasswordContext: await encryptContext(password, nonce, key, now),
      authenticationContext: {
        correlationId: call.correlationId,
        client: { ip: call.ipAddress, locale: "en-us", market: "en-us" },
        protocol: "OAUTH2.0",
        clientServicePrincipal: principal(findByAppId(sps, String(app.appId)), app),
        resourceServicePrincipal:
          graph === undefined ? principal(undefined, app) : principal(graph, { appId: GRAPH_APP_ID }),
        user: Object.fromEntries(USER_FIELDS.map((f) => [f, user[f] ?? null])),
      },
    },
  };
  const client = asObject(extension.clientConfiguration);
  const answer = await callExtension({
    url: target,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
    timeoutMs: typeof client?.timeoutInMilliseconds === "number" ? client.timeoutInMilliseconds : 2000,
    maximumRetries: typeof client?.maximumRetries === "number" ? client.maximumRetries : 1,
    ca: ctx.customExtensionCa,
  });
  return interpretAnswer(answer, nonce);
}

/**
 * MigratePassword: the typed password becomes the user's (as a salted hash) and the migration flag
 * turns false, audited as the custom extension service's change of the user.
 */
export function applyMigration(
  ctx: EmulatorContext,
  call: PasswordSubmitContext,
  property: string,
  hash: JsonObject,
): JsonObject {
  const { tenant, user } = call;
  const now = ctx.now();
  const after: JsonObject = { ...user, [property]: false, lastPasswordChangeDateTime: isoDate(now) };
  tenant.collection(COLLECTIONS.users).put(String(user.id), after);
  tenant.collection(COLLECTIONS.userPasswords).put(String(user.id), hash);
  const entry = newDirectoryAudit(
    {
      kind: "app",
      tenantId: tenant.info.id,
      appId: CUSTOM_EXTENSIONS_CALLER,
      appDisplayName: CALLER_NAME,
      servicePrincipalId: null,
      userId: null,
      userPrincipalName: null,
      permissions: [],
    },
    {
      activityDisplayName: "Update user",
      category: "UserManagement",
      operationType: "Update",
      correlationId: call.correlationId,
      targets: [
        {
          id: String(user.id),
          displayName: (user.displayName ?? null) as string | null,
          type: "User",
          userPrincipalName: String(user.userPrincipalName),
          modifiedProperties: [
            { displayName: property, oldValue: [true], newValue: [false] },
            { displayName: "PasswordProfile", oldValue: undefined, newValue: undefined },
          ],
        },
      ],
      additionalDetails: [{ key: "Reason", value: "Just-in-time password migration (onPasswordSubmit)" }],
    },
    now,
    randomUUID(),
  );
  tenant.collection(COLLECTIONS.directoryAudits).put(entry.id as string, entry);
  return after;
}
