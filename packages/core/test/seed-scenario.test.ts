// The seed document walked end to end, as a user of the library would: only catalog operations, over
// HTTPS against the emulator, with MSAL unmodified. A workforce admin creates an external tenant,
// administers it by device code, bootstraps a certificate app with admin consent, and that app then
// configures customer sign-up: identity providers, a user flow with custom attributes, branding in
// two languages and a token-issuance extension, all read back at the end.
import type { WorkforceConnection } from "@ciamkit/emulator";
import { jpeg, png } from "@ciamkit/emulator/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTenantOperation } from "../src/arm/tenants/create-tenant.ts";
import { waitTenantCreateOperation } from "../src/arm/tenants/wait-tenant-create.ts";
import { addCertificateOperation } from "../src/graph/applications/add-certificate.ts";
import { createApplicationOperation } from "../src/graph/applications/create-application.ts";
import { applyBrandingOperation } from "../src/graph/branding/apply-branding.ts";
import { getBrandingOperation } from "../src/graph/branding/get-branding.ts";
import { getBrandingFileOperation } from "../src/graph/branding/get-branding-file.ts";
import { getCustomExtensionOperation } from "../src/graph/custom-extensions/get-custom-extension.ts";
import { wireCustomExtensionOperation } from "../src/graph/custom-extensions/wire-custom-extension.ts";
import { listEventListenersOperation } from "../src/graph/event-listeners/list-event-listeners.ts";
import { createIdentityProviderOperation } from "../src/graph/identity-providers/create-identity-provider.ts";
import { listIdentityProvidersOperation } from "../src/graph/identity-providers/list-identity-providers.ts";
import { getOrganizationOperation } from "../src/graph/organization/get-organization.ts";
import { createServicePrincipalOperation } from "../src/graph/service-principals/create-service-principal.ts";
import { grantPermissionOperation } from "../src/graph/service-principals/grant-permission.ts";
import { listUserFlowAttributesOperation } from "../src/graph/user-flow-attributes/list-user-flow-attributes.ts";
import { findUserFlowByAppOperation } from "../src/graph/user-flows/find-user-flow-by-app.ts";
import { listFlowIdpsOperation } from "../src/graph/user-flows/list-flow-idps.ts";
import { setupUserFlowOperation } from "../src/graph/user-flows/setup-user-flow.ts";
import type { OperationInput } from "../src/operations/define-operation.ts";
import type { CoreEmulator } from "./helpers/emulator.ts";
import { pollTokenOf, startWorkforceEmulator, type WorkforceEmulator } from "./helpers/workforce.ts";

/** What the management app is granted (admin consent): least privilege for what it does below. */
const MANAGEMENT_PERMISSIONS = [
  "Organization.Read.All",
  "Application.ReadWrite.All",
  "AppRoleAssignment.ReadWrite.All",
  "IdentityProvider.ReadWrite.All",
  "IdentityUserFlow.ReadWrite.All",
  "EventListener.ReadWrite.All",
  "OrganizationalBranding.ReadWrite.All",
  "CustomAuthenticationExtension.ReadWrite.All",
];

let env: WorkforceEmulator;
let t: CoreEmulator;
let w: WorkforceConnection;

beforeAll(async () => {
  env = await startWorkforceEmulator({ provisioningSeconds: 1, approval: "control-api" });
  ({ t, w } = env);
}, 30_000);
afterAll(() => env.stop());

it("walks the seed document: tenant, admin, certificate app, then flow, branding and extension read back", {
  timeout: 30_000,
}, async () => {
  // 1. As the workforce admin: create the external tenant and wait for it.
  const azure = env.signIn(w.adminUser.userPrincipalName);
  const started = await azure.run(createTenantOperation, {
    subscriptionId: w.subscriptionId,
    resourceGroup: w.resourceGroup,
    name: "contososhop",
    displayName: "Contoso Shop",
    countryCode: "US",
    location: "United States",
  });
  const { tenant } = await azure.run(waitTenantCreateOperation, { pollToken: pollTokenOf(started) });
  const tenantId = String(tenant.properties.tenantId);

  // 2. As the new tenant's first administrator (the creator, a guest from the workforce tenant).
  const admin = env.signIn(
    "admin_fabrikamhq.onmicrosoft.com#EXT#@contososhop.onmicrosoft.com",
    "contososhop.onmicrosoft.com",
  );
  expect(await admin.run(getOrganizationOperation, {})).toMatchObject({ id: tenantId, tenantType: "CIAM" });

  // 3. A management app with a certificate, its application permissions and admin consent.
  const management = await admin.run(createApplicationOperation, { displayName: "Contoso management" });
  const managementAppId = String(management.appId);
  await admin.run(createServicePrincipalOperation, { appId: managementAppId });
  const certificate = t.tenant.certificate;
  if (certificate === undefined) throw new Error("the demo seed has no certificate");
  await admin.run(addCertificateOperation, { appId: managementAppId, certificatePem: certificate.cert });
  for (const permission of MANAGEMENT_PERMISSIONS) {
    await admin.run(grantPermissionOperation, { appId: managementAppId, permission });
  }

  // 4. From here on, the app's own certificate credential: no admin involved.
  const app = env.certificateApp(tenantId, managementAppId, certificate);

  // 5. Customer sign-up: Google first, then the flow with custom attributes and the shop attached.
  await app.run(createIdentityProviderOperation, {
    kind: "social",
    identityProviderType: "Google",
    clientId: "contoso-google-client",
    clientSecret: "google-client-secret-value",
  });
  const shop = await app.run(createApplicationOperation, {
    displayName: "Contoso shop",
    spaRedirectUris: ["https://shop.contoso.example/"],
  });
  const shopAppId = String(shop.appId);
  const flowSpec: OperationInput<typeof setupUserFlowOperation> = {
    displayName: "Contoso customers",
    identityProviders: ["EmailPassword-OAUTH", "Google-OAUTH"],
    customAttributes: [
      { name: "LoyaltyNumber", dataType: "string", description: "Your loyalty card number" },
      { name: "Newsletter", dataType: "boolean" },
    ],
    page: {
      views: [
        {
          title: "Join Contoso",
          inputs: [
            { attribute: "email", label: "Email", required: true },
            { attribute: "displayName", label: "Name", required: true },
            { attribute: "LoyaltyNumber", label: "Loyalty number", validationRegEx: "^[0-9]{8}$" },
            { attribute: "Newsletter", label: "Send me offers", inputType: "boolean" },
          ],
        },
      ],
    },
    applications: [shopAppId],
  };
  const setup = await app.run(setupUserFlowOperation, flowSpec);
  expect(setup.actions.filter((a) => a.action === "created").map((a) => a.resource)).toEqual([
    "userFlowAttribute",
    "userFlowAttribute",
    "userFlow",
  ]);

  // 6. Branding with a logo in two languages.
  const branding = await app.run(applyBrandingOperation, {
    default: {
      signInPageText: "Welcome to Contoso",
      backgroundColor: "#0A2540",
      files: { bannerLogo: { contentBase64: png(245, 36).toString("base64") } },
    },
    localizations: [
      {
        locale: "fr-FR",
        signInPageText: "Bienvenue chez Contoso",
        files: { bannerLogo: { contentBase64: jpeg(200, 36).toString("base64") } },
      },
    ],
  });
  expect(branding.actions.filter((a) => a.action === "uploaded")).toHaveLength(2);

  // 7. A token-issuance extension for the claims API, bound to the shop and validated.
  const api = await app.run(createApplicationOperation, { displayName: "Contoso claims API" });
  const apiAppId = String(api.appId);
  await app.run(createServicePrincipalOperation, { appId: apiAppId });
  await app.run(grantPermissionOperation, {
    appId: apiAppId,
    permission: "CustomAuthenticationExtensions.Receive.Payload",
  });
  const wireSpec = {
    displayName: "Loyalty claims",
    kind: "onTokenIssuanceStart" as const,
    targetUrl: "https://claims.contoso.example/api/token-start",
    appId: apiAppId,
    claims: ["loyaltyTier"],
    appIds: [shopAppId],
  };
  const wired = await app.run(wireCustomExtensionOperation, wireSpec);
  expect(wired.validation).toEqual({ valid: true, errors: [], warnings: [], fixes: [] });

  // 8. Everything read back.
  const flow = await app.run(findUserFlowByAppOperation, { appId: shopAppId });
  expect(flow.flow).toMatchObject({
    displayName: "Contoso customers",
    signUpAllowed: true,
    applications: [shopAppId],
  });
  const custom = (await app.run(listUserFlowAttributesOperation, { type: "custom" })).items;
  expect(custom.map((a) => [a.displayName, a.dataType]).sort()).toEqual([
    ["LoyaltyNumber", "string"],
    ["Newsletter", "boolean"],
  ]);
  const idOf = (name: string) => custom.find((a) => a.displayName === name)?.id;
  expect(flow.flow?.attributes).toEqual(["email", "displayName", idOf("LoyaltyNumber"), idOf("Newsletter")]);
  expect(flow.flow?.page?.views[0]?.inputs.map((i) => i.label)).toEqual([
    "Email",
    "Name",
    "Loyalty number",
    "Send me offers",
  ]);
  const flowIdps = await app.run(listFlowIdpsOperation, { flow: "Contoso customers" });
  expect(flowIdps.identityProviders.map((p) => p.id).sort()).toEqual(["EmailPassword-OAUTH", "Google-OAUTH"]);
  const providers = await app.run(listIdentityProvidersOperation, {});
  expect(JSON.stringify(providers)).not.toContain("google-client-secret-value");

  expect(await app.run(getBrandingOperation, {})).toMatchObject({ signInPageText: "Welcome to Contoso" });
  expect(await app.run(getBrandingOperation, { locale: "fr-FR" })).toMatchObject({
    signInPageText: "Bienvenue chez Contoso",
    backgroundColor: "#0A2540",
  });
  const logos = await Promise.all(
    ["0", "fr-FR"].map((locale) => app.run(getBrandingFileOperation, { stream: "bannerLogo", locale })),
  );
  expect(logos.map((l) => [l.found, l.contentType])).toEqual([
    [true, "image/png"],
    [true, "image/jpeg"],
  ]);

  const extension = await app.run(getCustomExtensionOperation, { id: wired.extension.id });
  expect(extension).toMatchObject({ kind: "onTokenIssuanceStart", claims: ["loyaltyTier"] });
  const listeners = await app.run(listEventListenersOperation, { appId: shopAppId });
  expect(listeners.items).toContainEqual(
    expect.objectContaining({ kind: "onTokenIssuanceStart", customExtensionId: extension.id }),
  );

  // Rerunning the whole configuration is a no-op.
  expect((await app.run(setupUserFlowOperation, flowSpec)).changed).toBe(false);
  expect((await app.run(wireCustomExtensionOperation, wireSpec)).changed).toBe(false);
});
