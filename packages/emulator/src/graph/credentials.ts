import { COLLECTIONS } from "../store/collection-names.ts";
import type { JsonObject } from "../store/json.ts";
import { hashSecret } from "../store/secrets.ts";
import type { TenantState } from "../store/store.ts";
import { newPasswordCredential } from "./entities/application.ts";
import type { IdSource } from "./ids.ts";

/** Length of generated client secrets: Graph's are 40 characters (api-surface 10.3 allows 16–64). */
export const SECRET_LENGTH = 40;

/**
 * Adds a client secret to an application: the `passwordCredential` (without the secret) on the app
 * record and the secret's hash in `_credentials` (id = keyId), which the token service checks.
 * Returns the credential with `secretText`, which Graph shows this once only.
 */
export function addApplicationPassword(
  tenant: TenantState,
  app: JsonObject,
  input: {
    displayName?: string | null | undefined;
    startDateTime?: string | null | undefined;
    endDateTime?: string | null | undefined;
  },
  now: Date,
  ids: IdSource,
  secretText: string = ids.secret(SECRET_LENGTH),
): JsonObject {
  const credential = newPasswordCredential(secretText, input, now, ids);
  const keyId = credential.keyId as string;
  tenant.collection(COLLECTIONS.credentials).put(keyId, {
    appObjectId: app.id as string,
    keyId,
    type: "Password",
    secret: { ...hashSecret(secretText) },
    endDateTime: credential.endDateTime as string,
  });
  tenant.collection(COLLECTIONS.applications).put(app.id as string, {
    ...app,
    passwordCredentials: [...(app.passwordCredentials as JsonObject[]), credential],
  });
  return { ...credential, secretText };
}
