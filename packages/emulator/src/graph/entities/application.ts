import type { JsonObject } from "../../store/json.ts";
import type { TenantInfo } from "../../store/store.ts";
import { type IdSource, randomIds } from "../ids.ts";
import { blank, complexValue, isoDate, writeProperties } from "./shape.ts";

/** Application properties Graph computes or changes only through actions. */
export const APPLICATION_READ_ONLY = new Set([
  "id",
  "appId",
  "createdDateTime",
  "deletedDateTime",
  "publisherDomain",
  "passwordCredentials",
  "createdByAppId",
  "disabledByMicrosoftStatus",
  "isDisabled",
]);

/** Complex properties Graph always returns as objects on applications, never null. */
const ALWAYS_PRESENT = ["api", "info", "parentalControlSettings", "publicClient", "spa", "web"] as const;

/**
 * A new `application` in its full CSDL shape from a validated create body. `keyCredentials` given at
 * create keep their certificate (`key`) in the record: the token service reads it to verify client
 * assertions; routes hide it unless selected.
 */
export function newApplication(
  tenant: TenantInfo,
  input: JsonObject,
  now: Date,
  ids: IdSource = randomIds,
  createdByAppId: string | null = null,
): JsonObject {
  const app = blank("application");
  for (const name of ALWAYS_PRESENT) app[name] = blank(typeForApplicationProperty[name]);
  (app.web as JsonObject).implicitGrantSettings = blank("implicitGrantSettings");
  (app.parentalControlSettings as JsonObject).legalAgeGroupRule = "Allow";
  writeProperties("application", app, input, APPLICATION_READ_ONLY);
  app.id = ids.uuid();
  app.appId = ids.uuid();
  app.createdDateTime = isoDate(now);
  app.publisherDomain = tenant.defaultDomain;
  app.signInAudience ??= "AzureADMyOrg";
  app.createdByAppId = createdByAppId;
  app.keyCredentials = (app.keyCredentials as JsonObject[]).map((k) => newKeyCredential(k, now, ids));
  return app;
}

const typeForApplicationProperty = {
  api: "apiApplication",
  info: "informationalUrl",
  parentalControlSettings: "parentalControlSettings",
  publicClient: "publicClientApplication",
  spa: "spaApplication",
  web: "webApplication",
} as const;

/** Completes a client-supplied `keyCredential`: Graph assigns `keyId` and dates when they are missing. */
export function newKeyCredential(input: JsonObject, now: Date, ids: IdSource = randomIds): JsonObject {
  const key = complexValue("keyCredential", input);
  key.keyId ??= ids.uuid();
  key.startDateTime ??= isoDate(now);
  key.endDateTime ??= isoDate(new Date(now.getTime() + 365 * 86_400_000));
  return key;
}

/**
 * The `passwordCredential` stored on the application for a new secret: `hint` is the secret's first
 * three characters and `secretText` is never stored (Graph returns it once, from `addPassword`).
 * Graph's default lifetime is two years from the start.
 */
export function newPasswordCredential(
  secretText: string,
  input: {
    displayName?: string | null | undefined;
    startDateTime?: string | null | undefined;
    endDateTime?: string | null | undefined;
  },
  now: Date,
  ids: IdSource = randomIds,
): JsonObject {
  const start = input.startDateTime == null ? now : new Date(input.startDateTime);
  const end =
    input.endDateTime == null
      ? new Date(start.getTime() + 2 * 365 * 86_400_000)
      : new Date(input.endDateTime);
  return {
    customKeyIdentifier: null,
    displayName: input.displayName ?? null,
    endDateTime: isoDate(end),
    hint: secretText.slice(0, 3),
    keyId: ids.uuid(),
    secretText: null,
    startDateTime: isoDate(start),
  };
}
