import type { JsonObject } from "../../store/json.ts";
import type { TenantInfo } from "../../store/store.ts";
import { type IdSource, randomIds } from "../ids.ts";
import { blank, writeProperties } from "./shape.ts";

/** Service principal properties a client may not set (they follow the application). */
export const SERVICE_PRINCIPAL_READ_ONLY = new Set([
  "id",
  "deletedDateTime",
  "appDisplayName",
  "appOwnerOrganizationId",
  "createdByAppId",
  "servicePrincipalType",
  "signInAudience",
  "disabledByMicrosoftStatus",
  "isDisabled",
]);

/**
 * A new `servicePrincipal` for an application of this tenant (or for a first-party app when
 * `app` carries its published values): names, app roles and delegated scopes come from the app,
 * as Graph copies them when the service principal is created.
 */
export function newServicePrincipal(
  tenant: TenantInfo,
  app: JsonObject,
  input: JsonObject,
  ids: IdSource = randomIds,
  ownerTenantId: string = tenant.id,
): JsonObject {
  const sp = blank("servicePrincipal");
  sp.info = blank("informationalUrl");
  sp.verifiedPublisher = blank("verifiedPublisher");
  const { appId: _appId, ...rest } = input;
  writeProperties("servicePrincipal", sp, rest, SERVICE_PRINCIPAL_READ_ONLY);
  const api = (app.api ?? null) as JsonObject | null;
  sp.id = ids.uuid();
  sp.appId = app.appId ?? null;
  sp.appDisplayName = app.displayName ?? null;
  sp.displayName ??= app.displayName ?? null;
  sp.accountEnabled ??= true;
  sp.appOwnerOrganizationId = ownerTenantId;
  sp.appRoles = structuredClone(app.appRoles ?? []);
  sp.oauth2PermissionScopes = structuredClone(api?.oauth2PermissionScopes ?? []);
  sp.servicePrincipalNames = [String(app.appId), ...((app.identifierUris ?? []) as string[])];
  sp.servicePrincipalType = "Application";
  sp.signInAudience = app.signInAudience ?? "AzureADMyOrg";
  const web = (app.web ?? null) as JsonObject | null;
  sp.replyUrls = structuredClone(web?.redirectUris ?? []);
  sp.homepage ??= web?.homePageUrl ?? null;
  sp.tags = structuredClone(app.tags ?? []);
  return sp;
}
