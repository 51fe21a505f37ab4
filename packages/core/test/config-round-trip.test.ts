// biome-ignore-all lint/suspicious/noTemplateCurlyInString: specs write ${env:…} placeholders
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CiamClient } from "../src/client.ts";
import { applyPlan } from "../src/config/apply-plan.ts";
import { exportTenant } from "../src/config/export-tenant.ts";
import { loadSpecDir } from "../src/config/load-spec.ts";
import { planTenant } from "../src/config/plan-tenant.ts";
import { writeSpecFiles } from "../src/config/spec-files.ts";
import { createApplicationOperation } from "../src/graph/applications/create-application.ts";
import { updateApplicationOperation } from "../src/graph/applications/update-application.ts";
import { createLocalizationOperation } from "../src/graph/branding/create-localization.ts";
import { updateBrandingOperation } from "../src/graph/branding/update-branding.ts";
import { createCustomExtensionOperation } from "../src/graph/custom-extensions/create-custom-extension.ts";
import { createEventListenerOperation } from "../src/graph/event-listeners/create-event-listener.ts";
import { createGroupOperation } from "../src/graph/groups/create-group.ts";
import { createIdentityProviderOperation } from "../src/graph/identity-providers/create-identity-provider.ts";
import { createUserFlowAttributeOperation } from "../src/graph/user-flow-attributes/create-user-flow-attribute.ts";
import { createUserFlowOperation } from "../src/graph/user-flows/create-user-flow.ts";
import { setupUserFlowOperation } from "../src/graph/user-flows/setup-user-flow.ts";
import { type CoreEmulator, startCoreEmulator } from "./helpers/emulator.ts";

const GRAPH = "00000003-0000-0000-c000-000000000000";
const USER_READ_ALL = "df021288-bdef-4463-88db-98f22de89214";
const OPENID = "37f7f235-527c-4136-accd-4a02d197296e";
const env = {
  CIAM_IDENTITY_PROVIDERS_GOOGLE_OAUTH_CLIENT_SECRET: "google-secret-b",
  CIAM_IDENTITY_PROVIDERS_PARTNER_ID_CLIENT_SECRET: "partner-secret-b",
};

let a: CoreEmulator;
let b: CoreEmulator;
let clientA: CiamClient;
let clientB: CiamClient;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "ciam-config-"));
  dirs.push(dir);
  return dir;
};

/** Tenant A, configured through the catalog's operations (not through tenant as code). */
async function configureA(client: CiamClient): Promise<void> {
  await client.run(createUserFlowAttributeOperation, {
    displayName: "LoyaltyTier",
    dataType: "string",
    description: "Your tier",
  });
  await client.run(createUserFlowAttributeOperation, { displayName: "Newsletter", dataType: "boolean" });
  await client.run(createIdentityProviderOperation, {
    kind: "social",
    identityProviderType: "Google",
    clientId: "google-client",
    clientSecret: "google-secret-a",
  });
  await client.run(createIdentityProviderOperation, {
    kind: "oidc",
    displayName: "Partner ID",
    clientId: "partner-client",
    clientSecret: "partner-secret-a",
    issuer: "https://id.partner.example/",
    wellKnownEndpoint: "https://id.partner.example/.well-known/openid-configuration",
  });
  const shop = await client.run(createApplicationOperation, {
    displayName: "Shop",
    webRedirectUris: ["https://shop.example/signin", "https://shop.example/a-callback"],
  });
  await client.run(createApplicationOperation, {
    displayName: "Shop SPA",
    spaRedirectUris: ["https://spa.example/"],
  });
  // The ids of Graph's delegated scopes are the tenant's Graph service principal's.
  const graphSp = await client.graph.get<{
    value: { oauth2PermissionScopes: { id: string; value: string }[] }[];
  }>(`/servicePrincipals?$filter=appId eq '${GRAPH}'&$select=oauth2PermissionScopes`);
  const userRead = graphSp.value[0]?.oauth2PermissionScopes.find((s) => s.value === "User.Read")?.id ?? "";
  await client.graph.patch(`/applications/${shop.id}`, {
    requiredResourceAccess: [
      {
        resourceAppId: GRAPH,
        resourceAccess: [
          { id: USER_READ_ALL, type: "Role" },
          { id: userRead, type: "Scope" },
          // An id Graph's service principal does not list: exported, and applied, as the id.
          { id: OPENID, type: "Scope" },
        ],
      },
    ],
  });
  await client.run(createGroupOperation, { displayName: "VIP customers", description: "Gold tier" });
  await client.run(updateBrandingOperation, {
    backgroundColor: "#0A2540",
    signInPageText: "Welcome to the shop",
    loginPageLayoutConfiguration: { layoutTemplateType: "verticalSplit", isHeaderShown: true },
  });
  await client.run(createLocalizationOperation, { locale: "fr-FR", signInPageText: "Bienvenue" });
  await client.run(createLocalizationOperation, { locale: "de-DE", signInPageText: "Willkommen" });
  const api = await client.run(createApplicationOperation, { displayName: "Claims API" });
  // What an API exposes: its identifier URI on its own client id, a scope users may consent to, a
  // disabled scope, and an app role.
  await client.run(updateApplicationOperation, {
    id: api.id,
    identifierUris: [`api://${api.appId}`],
    scopes: [
      { value: "Claims.Read", displayName: "Read claims", description: "Reads claims", userConsent: true },
      { value: "Claims.Legacy", enabled: false },
    ],
    appRoles: [{ value: "Claims.Admin", displayName: "Claims admin", members: ["User", "Application"] }],
  });
  const extension = await client.run(createCustomExtensionOperation, {
    kind: "onTokenIssuanceStart",
    displayName: "Loyalty claims",
    targetUrl: "https://claims.example/token",
    appId: api.appId ?? "",
    claims: ["tier", "memberSince"],
    timeoutInMilliseconds: 1500,
  });
  const validate = await client.run(createCustomExtensionOperation, {
    kind: "onAttributeCollectionSubmit",
    displayName: "Validate sign-up",
    targetUrl: "https://claims.example/validate",
    appId: api.appId ?? "",
  });
  await client.run(createUserFlowOperation, {
    displayName: "Partner sign-up",
    identityProviders: ["EmailPassword-OAUTH"],
    attributes: ["email", "city"],
    attributeCollectionSubmitExtensionId: validate.id,
  });
  await client.run(createEventListenerOperation, {
    kind: "onTokenIssuanceStart",
    appIds: [shop.appId ?? ""],
    customExtensionId: extension.id,
  });
  await client.run(setupUserFlowOperation, {
    displayName: "Shop sign-up",
    description: "Customers of the shop",
    identityProviders: ["EmailPassword-OAUTH", "Google-OAUTH"],
    page: {
      views: [
        {
          title: "About you",
          inputs: [
            { attribute: "email", label: "Email", required: true },
            { attribute: "city", label: "City" },
            {
              attribute: "LoyaltyTier",
              label: "Tier",
              inputType: "radioSingleSelect",
              options: [
                { label: "Gold", value: "gold" },
                { label: "Silver", value: "silver" },
              ],
            },
          ],
        },
      ],
    },
    applications: [shop.appId ?? ""],
  });
}

beforeAll(async () => {
  [a, b] = await Promise.all([startCoreEmulator(), startCoreEmulator()]);
  clientA = a.client();
  clientB = b.client();
  await configureA(clientA);
});
afterAll(async () => {
  await Promise.all([a.stop(), b.stop()]);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("round trip: export A, apply to B, export B", () => {
  it("gives B exactly A's configuration: plan has changes, apply converges, B's export is A's byte for byte", async () => {
    const exported = await exportTenant(clientA);
    const dir = tempDir();
    writeSpecFiles(dir, exported.spec);
    expect(readdirSync(dir).sort()).toEqual([
      "applications.yaml",
      "branding.yaml",
      "custom-extensions.yaml",
      "event-listeners.yaml",
      "groups.yaml",
      "identity-providers.yaml",
      "user-flow-attributes.yaml",
      "user-flows.yaml",
    ]);
    const text = readFileSync(join(dir, "identity-providers.yaml"), "utf8");
    expect(text).toMatch(
      /^# yaml-language-server: \$schema=https:\/\/unpkg\.com\/@ciamkit\/core@[^/]+\/schemas\/identity-providers\.schema\.json\n/,
    );
    expect(text).toContain("clientSecret: ${env:CIAM_IDENTITY_PROVIDERS_GOOGLE_OAUTH_CLIENT_SECRET}");
    expect(text).not.toContain("google-secret-a");
    // Names, never ids: the flow names its app, attributes and providers.
    const flows = readFileSync(join(dir, "user-flows.yaml"), "utf8");
    expect(flows).toContain("- Shop\n");
    expect(flows).toContain("attribute: LoyaltyTier");
    expect(flows).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(flows).toContain("attributeCollectionSubmitExtension: Validate sign-up");
    // Required permissions by name: the resource's and each permission's, an unknown id as is.
    expect(readFileSync(join(dir, "applications.yaml"), "utf8")).toContain(
      `  requiredPermissions:\n    Microsoft Graph:\n      roles:\n        - User.Read.All\n      scopes:\n        - ${OPENID}\n        - User.Read\n`,
    );
    // What an app exposes: its own client id as {appId}, scopes and roles by value.
    const apps = readFileSync(join(dir, "applications.yaml"), "utf8");
    expect(apps).toContain("  identifierUris:\n    - api://{appId}\n");
    expect(apps).toContain(
      "  scopes:\n    - description: Claims.Legacy\n      displayName: Claims.Legacy\n      enabled: false\n      value: Claims.Legacy\n    - description: Reads claims\n      displayName: Read claims\n      userConsent: true\n      value: Claims.Read\n",
    );
    expect(apps).toContain(
      "      members:\n        - User\n        - Application\n      value: Claims.Admin\n",
    );
    const extensions = readFileSync(join(dir, "custom-extensions.yaml"), "utf8");
    expect(extensions).toContain("app: Claims API");
    expect(readFileSync(join(dir, "event-listeners.yaml"), "utf8")).toContain(
      "Loyalty claims:\n  applications:\n    - Shop\n",
    );

    const loaded = loadSpecDir(dir, { env });
    const plan = await planTenant(clientB, loaded.spec, {
      env,
      locate: loaded.locate,
      baseDir: loaded.baseDir,
    });
    const created = plan.changes.filter((c) => c.action === "create").map((c) => `${c.kind}/${c.name}`);
    expect(created).toEqual([
      "userFlowAttributes/LoyaltyTier",
      "userFlowAttributes/Newsletter",
      "identityProviders/Google-OAUTH",
      "identityProviders/Partner ID",
      "applications/Claims API",
      "applications/Shop",
      "applications/Shop SPA",
      "groups/VIP customers",
      "branding/default",
      "branding/de-DE",
      "branding/fr-FR",
      "customExtensions/Loyalty claims",
      "customExtensions/Validate sign-up",
      "eventListeners/Loyalty claims",
      "userFlows/Partner sign-up",
      "userFlows/Shop sign-up",
    ]);
    // The secret is masked in the plan; the seeded apps and group are adopted, not created again.
    expect(JSON.stringify(plan)).not.toContain("google-secret");
    await applyPlan(clientB, plan, { env });
    const again = await planTenant(clientB, loaded.spec, { env });
    expect(again.changes).toEqual([]);
    const exportedB = await exportTenant(clientB);
    expect(exportedB.files).toEqual(exported.files);
  });

  it("disables, then removes, an exposed scope or app role the spec leaves out (Graph removes only disabled ones)", async () => {
    const { spec } = await exportTenant(clientB);
    const api = spec.applications?.["Claims API"];
    expect(api?.scopes?.map((x) => x.value)).toEqual(["Claims.Legacy", "Claims.Read"]);
    const trimmed = {
      ...spec,
      applications: { ...spec.applications, "Claims API": { ...api, scopes: [], appRoles: [] } },
    };
    const plan = await planTenant(clientB, trimmed, { env });
    expect(plan.changes.map((c) => `${c.action} ${c.kind}/${c.name}`)).toEqual([
      "update applications/Claims API",
    ]);
    await applyPlan(clientB, plan, { env });
    const after = (await exportTenant(clientB)).spec.applications?.["Claims API"];
    expect(after?.scopes).toBeUndefined();
    expect(after?.appRoles).toBeUndefined();
    expect(after?.identifierUris).toEqual(["api://{appId}"]);
  });
});
