/**
 * Example flags for the commands whose input rules a generated example cannot satisfy: one of two
 * selectors (`--id` or `--app-id`), "at least one change", an id with a fixed prefix. Each entry
 * sets (or replaces) flags of the generated example; `--help` and docs/cli.md show the result, and
 * test/docs-shell.test.ts checks that every example parses and passes its operation's input rules,
 * so a new operation whose example does not gets an entry here.
 */
const APP = { "app-id": "00000000-0000-0000-0000-000000000000" };
const TENANT = { "resource-group": "ciam-rg", name: "contosocustomers" };
const POLICY = { id: "B2C_1A_signup_signin" };
const KEYSET = { id: "B2C_1A_TokenSigningKeyContainer" };
const DOMAIN = { name: "login.contoso.com" };

export const EXAMPLE_FLAGS: Record<string, Record<string, string>> = {
  group_update: { "display-name": '"Loyal customers"' },
  app_get: APP,
  app_delete: APP,
  app_password_add: { ...APP, "display-name": "ci" },
  app_password_remove: APP,
  app_certificate_add: { ...APP, "certificate-pem": '"$(cat cert.pem)"' },
  app_grant: { permission: "User.ReadWrite.All" },
  app_update: { name: "Shop", "add-redirect-uris": `'{"spa":["https://shop.contoso.example/auth"]}'` },
  app_revoke: { permission: "User.ReadWrite.All" },
  tenant_create: { ...TENANT, "display-name": '"Contoso customers"' },
  tenant_get: TENANT,
  tenant_update: { ...TENANT, sku: "Standard" },
  tenant_delete: TENANT,
  tenant_check_name: { name: "contosocustomers" },
  user_flow_update: { "sign-up-allowed": "false" },
  user_bulk_delete: { "import-file": "users.csv", "dry-run": "" },
  identity_provider_create: {
    "identity-provider-type": "Google",
    "client-id": "1234567890-abc.apps.googleusercontent.com",
    "client-secret-stdin": "",
  },
  identity_provider_update: { "display-name": "Google" },
  branding_update: { "sign-in-page-text": '"Welcome to Contoso"' },
  branding_localization_update: { "sign-in-page-text": "Bienvenue" },
  branding_image_set: { file: "background.png" },
  branding_apply: { default: `'{"signInPageText":"Welcome"}'` },
  custom_extension_create: APP,
  custom_extension_update: { "display-name": '"Loyalty claims"' },
  custom_extension_validate: { id: "00000000-0000-0000-0000-000000000000" },
  custom_extension_wire: APP,
  event_listener_create: { "custom-extension-id": "00000000-0000-0000-0000-000000000000" },
  event_listener_update: { "display-name": '"Loyalty claims"' },
  trust_framework_policy_get: POLICY,
  trust_framework_policy_delete: POLICY,
  trust_framework_policy_upload: { file: "B2C_1A_TrustFrameworkBase.xml" },
  trust_framework_keyset_get: KEYSET,
  trust_framework_keyset_create: KEYSET,
  trust_framework_keyset_delete: KEYSET,
  trust_framework_keyset_generate_key: KEYSET,
  trust_framework_keyset_upload_secret: KEYSET,
  trust_framework_keyset_upload_certificate: { ...KEYSET, file: "signing.cer" },
  trust_framework_keyset_upload_pfx: { ...KEYSET, file: "signing.pfx", "password-stdin": "" },
  trust_framework_keyset_active_key: KEYSET,
  security_ca_update: { state: "enabled" },
  domain_add: DOMAIN,
  domain_verify: DOMAIN,
  domain_delete: DOMAIN,
  migration_inventory: { from: "b2c", report: "inventory.md" },
  migration_jit_setup: {
    endpoint: "https://jit.contoso.example/api/migrate",
    "all-apps": "",
    "private-key-out": "jit-key.pem",
  },
  migration_users: { from: "contoso-b2c", to: "contoso-external" },
};
