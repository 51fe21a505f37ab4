/**
 * The app that protects a JIT migration endpoint: Entra issues the endpoint's bearer tokens for it
 * (`identifierUris` `api://<endpoint host>/<appId>`), it holds the Graph application permission
 * `CustomAuthenticationExtensions.Receive.Payload` (admin consent), and its Encrypt certificate is the
 * key the password context is encrypted to (Microsoft: "Migrate users with JIT", set-up steps).
 */
import { randomUUID } from "node:crypto";
import { eq } from "../../http/odata.ts";
import type { ServiceClient } from "../../http/service-client.ts";
import type { ChangeLog } from "../../operations/change-actions.ts";
import type { EncryptionCertificate } from "./jit-keys.ts";

/** The extension app as read from Graph (only what the set-up looks at). */
export interface ExtensionApp {
  id: string;
  appId: string;
  identifierUris?: string[] | null;
  tokenEncryptionKeyId?: string | null;
  keyCredentials?:
    | { keyId?: string | null; usage?: string | null; customKeyIdentifier?: string | null }[]
    | null;
}

const SELECT = "id,appId,displayName,identifierUris,tokenEncryptionKeyId,keyCredentials";

/** The app of this display name, if any (the first when several share it). */
export async function findExtensionApp(graph: ServiceClient, displayName: string, signal?: AbortSignal) {
  const found = await graph.get<{ value?: ExtensionApp[] }>("/applications", {
    query: { $filter: String(eq("displayName", displayName)), $select: SELECT },
    signal,
  });
  return found?.value?.[0];
}

/** The thumbprint of the app's current encryption certificate, when it has one. */
export function currentEncryptionKey(app: ExtensionApp | undefined) {
  const key = app?.keyCredentials?.find(
    (k) => k.keyId != null && k.keyId === app.tokenEncryptionKeyId && k.usage === "Encrypt",
  );
  if (key === undefined) return undefined;
  // customKeyIdentifier is Edm.Binary (base64 in JSON): the certificate's SHA-1 thumbprint bytes.
  const thumbprint = Buffer.from(key.customKeyIdentifier ?? "", "base64")
    .toString("hex")
    .toUpperCase();
  return { keyId: String(key.keyId), thumbprint };
}

/** Creates the app when missing and points its identifier URI at the endpoint's host. */
export async function ensureExtensionApp(
  graph: ServiceClient,
  found: ExtensionApp | undefined,
  spec: { displayName: string; host: string },
  log: ChangeLog,
  signal?: AbortSignal,
): Promise<ExtensionApp> {
  let app = found;
  if (app === undefined) {
    app = await graph.post<ExtensionApp>(
      "/applications",
      { displayName: spec.displayName, signInAudience: "AzureADMyOrg" },
      { signal },
    );
    log.note("created", "application", app.appId, spec.displayName);
  }
  const uri = `api://${spec.host}/${app.appId}`;
  if (JSON.stringify(app.identifierUris ?? []) !== JSON.stringify([uri])) {
    await graph.patch(`/applications/${app.id}`, { identifierUris: [uri] }, { signal, readAfterWrite: true });
    if (found !== undefined) log.note("updated", "application", app.appId, `identifierUris: ${uri}`);
  }
  return { ...app, identifierUris: [uri] };
}

/** Sets the app's one Encrypt certificate and `tokenEncryptionKeyId` (the key the password is sent under). */
export async function setEncryptionKey(
  graph: ServiceClient,
  app: ExtensionApp,
  certificate: EncryptionCertificate,
  log: ChangeLog,
  signal?: AbortSignal,
): Promise<string> {
  const keyId = randomUUID();
  await graph.patch(
    `/applications/${app.id}`,
    {
      keyCredentials: [
        {
          keyId,
          type: "AsymmetricX509Cert",
          usage: "Encrypt",
          key: certificate.key,
          displayName: certificate.subject,
          startDateTime: certificate.startDateTime,
          endDateTime: certificate.endDateTime,
        },
      ],
    },
    { signal },
  );
  // Graph refuses a tokenEncryptionKeyId that names no key of the app: the key goes first.
  await graph.patch(`/applications/${app.id}`, { tokenEncryptionKeyId: keyId }, { signal });
  log.note(
    currentEncryptionKey(app) === undefined ? "created" : "updated",
    "encryptionKey",
    keyId,
    certificate.thumbprint,
  );
  return keyId;
}
