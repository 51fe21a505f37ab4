// Property: any valid spec, applied to a tenant, leaves nothing to plan; and any second spec applied
// over it with prune (updates, moves and deletes) leaves nothing to plan either. Kinds generated:
// custom attributes, identity providers (social), applications (redirect URIs, required permissions,
// identifier URIs, exposed scopes and app roles), groups, branding (texts, layout, images and CSS),
// custom extensions, event listeners (onTokenIssuanceStart, onAttributeCollectionSubmit and
// onPasswordSubmit with its migration attribute) and user flows (with their submit extension by
// name). The B2C trust framework is another kind of tenant: config-trust-framework-property.test.ts.
import { jpeg, png } from "@ciamkit/emulator/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyPlan } from "../src/config/apply-plan.ts";
import { planTenant } from "../src/config/plan-tenant.ts";
import type { TenantSpecInput } from "../src/config/spec-schema.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";

const GRAPH = "00000003-0000-0000-c000-000000000000";
// By id and by name (User.Read.All is df021288…: both at once are one permission).
const ROLES = [
  "df021288-bdef-4463-88db-98f22de89214",
  "741f803b-c850-494e-b5df-cde7c675a1ca",
  "User.Read.All",
  "Group.Read.All",
];
const ATTRIBUTES = ["Tier", "Region", "Member Since"];
const APPS = ["Shop", "Kiosk", "Back office"];
const GROUPS = ["VIP", "Support", "Beta"];
const FLOWS = ["Shop sign-up", "Kiosk sign-in"];
const BUILT_IN = ["email", "city", "displayName"];
const description = fc.option(fc.constantFrom("one", "two", "Ünïcode ✓"), { nil: undefined });
// The branding files the specs may name, by path beside the spec.
const FILES = {
  "branding/logo-a.png": png(245, 36),
  "branding/logo-b.png": png(240, 30),
  "branding/background.jpg": jpeg(1920, 1080),
  "branding/site.css": "body { color: #0A2540; }\n",
};
const env = { GOOGLE_SECRET: "google-secret" };
const options = { files: FILES, env };
// Custom extensions by name: the event, and whether its listener names the migration flag.
const EXTENSIONS = {
  Claims: "onTokenIssuanceStart",
  "Password migration": "onPasswordSubmit",
  "Validate sign-up": "onAttributeCollectionSubmit",
} as const;
const FLAG = "RequiresMigration";

/** What an app exposes: scopes and roles with every field given (the export's defaults left out). */
const exposed = fc.record(
  {
    identifierUris: fc.constant<string[]>(["api://{appId}"]),
    scopes: fc.subarray(["Orders.Read", "Orders.Write"]).chain((values) =>
      fc.tuple(
        ...values.map((value) =>
          fc.record(
            {
              value: fc.constant(value),
              displayName: fc.constantFrom(`Read ${value}`, `Use ${value}`),
              description: fc.constant(`Lets the app use ${value}`),
              userConsent: fc.constant(true),
              enabled: fc.constant(false),
            },
            { requiredKeys: ["value", "displayName", "description"] },
          ),
        ),
      ),
    ),
    appRoles: fc.subarray(["Orders.Admin"]).chain((values) =>
      fc.tuple(
        ...values.map((value) =>
          fc.record({
            value: fc.constant(value),
            displayName: fc.constantFrom("Admin", "Administrator"),
            description: fc.constant("Administers orders"),
            members: fc.constantFrom<("User" | "Application")[]>(["User"], ["User", "Application"]),
          }),
        ),
      ),
    ),
  },
  { requiredKeys: [] },
);

const specArbitrary: fc.Arbitrary<TenantSpecInput> = fc
  .record({
    attributes: fc.subarray(ATTRIBUTES),
    apps: fc.subarray(APPS),
    groups: fc.subarray(GROUPS),
    flows: fc.subarray(FLOWS),
    extensions: fc.subarray(Object.keys(EXTENSIONS) as (keyof typeof EXTENSIONS)[], { minLength: 1 }),
    listened: fc.subarray(Object.keys(EXTENSIONS), { minLength: 1 }),
  })
  .chain(({ attributes, apps, groups, flows, extensions, listened }) =>
    fc.record({
      userFlowAttributes: fc.record({
        ...Object.fromEntries(
          attributes.map((a) => [a, fc.record({ dataType: fc.constant("string" as const), description })]),
        ),
        // The migration flag of a password listener: a boolean attribute of the spec.
        ...(extensions.includes("Password migration")
          ? { [FLAG]: fc.record({ dataType: fc.constant("boolean" as const), description }) }
          : {}),
      }),
      identityProviders: fc.option(
        fc.record({
          "Google-OAUTH": fc.record({
            kind: fc.constant("social" as const),
            identityProviderType: fc.constant("Google"),
            clientId: fc.constantFrom("google-client-1", "google-client-2"),
            // biome-ignore lint/suspicious/noTemplateCurlyInString: a secret's placeholder
            clientSecret: fc.constant("${env:GOOGLE_SECRET}"),
          }),
        }),
        { nil: {} },
      ),
      applications: fc.record(
        Object.fromEntries(
          apps.map((a) => [
            a,
            fc
              .record(
                {
                  signInAudience: fc.constantFrom("AzureADMyOrg" as const, "AzureADMultipleOrgs" as const),
                  web: fc.record({
                    redirectUris: fc.subarray([
                      `https://${a.replace(/ /g, "")}.example/signin`,
                      "https://localhost:8443/cb",
                    ]),
                  }),
                  spa: fc.record({ redirectUris: fc.subarray([`https://spa.example/${a.length}`]) }),
                  requiredPermissions: fc
                    .tuple(fc.subarray(ROLES, { minLength: 1 }), fc.constantFrom(GRAPH, "Microsoft Graph"))
                    .map(([roles, resource]) => ({ [resource]: { roles } })),
                  exposed,
                },
                { requiredKeys: [] },
              )
              .map(({ exposed: more, ...app }) => ({ ...app, ...more })),
          ]),
        ),
      ),
      // Extensions protected by a spec app; a listener for each listened one, on some apps.
      customExtensions: fc.record(
        Object.fromEntries(
          (apps.length === 0 ? [] : extensions).map((name) => [
            name,
            fc.record(
              {
                event: fc.constant(EXTENSIONS[name]),
                targetUrl: fc.constantFrom("https://hooks.example/a", "https://hooks.example/b"),
                app: fc.constantFrom(...apps),
                description,
                timeoutInMilliseconds: fc.constantFrom(1000, 2000),
              },
              { requiredKeys: ["event", "targetUrl", "app"] },
            ),
          ]),
        ),
      ),
      eventListeners: fc.record(
        Object.fromEntries(
          (apps.length === 0 ? [] : extensions)
            .filter((name) => listened.includes(name))
            .map((name) => [
              name,
              fc.record({
                applications: fc.subarray(apps),
                ...(EXTENSIONS[name] === "onPasswordSubmit" ? { migrationAttribute: fc.constant(FLAG) } : {}),
              }),
            ]),
        ),
      ),
      groups: fc.record(
        Object.fromEntries(groups.map((g) => [g, fc.record({ description }, { requiredKeys: [] })])),
      ),
      branding: fc
        .record({
          locales: fc.subarray(["fr-FR", "de-DE"]),
          base: fc.record(
            {
              backgroundColor: fc.constantFrom("#0A2540", "#fff"),
              signInPageText: fc.constantFrom("Welcome", "Hello ✓"),
              loginPageLayoutConfiguration: fc.record(
                {
                  layoutTemplateType: fc.constantFrom("default" as const, "verticalSplit" as const),
                  isHeaderShown: fc.boolean(),
                },
                { requiredKeys: [] },
              ),
            },
            { requiredKeys: [] },
          ),
          withDefault: fc.boolean(),
          files: fc.record(
            {
              bannerLogo: fc.constantFrom("branding/logo-a.png", "branding/logo-b.png"),
              backgroundImage: fc.constant("branding/background.jpg"),
              customCSS: fc.constant("branding/site.css"),
            },
            { requiredKeys: [] },
          ),
          localeLogo: fc.option(fc.constantFrom("branding/logo-a.png", "branding/logo-b.png"), {
            nil: undefined,
          }),
        })
        .map(({ locales, base, withDefault, files, localeLogo }) => ({
          ...(withDefault ? { default: { ...base, files } } : {}),
          ...Object.fromEntries(
            locales.map((l) => [
              l,
              {
                signInPageText: `Text ${l}`,
                ...(localeLogo === undefined ? {} : { files: { bannerLogo: localeLogo } }),
              },
            ]),
          ),
        })),
      // Each app on one flow at most (Graph links an application to one flow).
      userFlows: fc.shuffledSubarray(apps).chain((linked) =>
        fc.record(
          Object.fromEntries(
            flows.map((f, i) => [
              f,
              fc
                .record({
                  description,
                  signUpAllowed: fc.boolean(),
                  identityProviders: fc.subarray(["EmailPassword-OAUTH", "EmailOtpSignup-OAUTH"], {
                    minLength: 1,
                  }),
                  attributes: fc.subarray([...BUILT_IN, ...attributes]),
                  withPage: fc.boolean(),
                  validated: fc.boolean(),
                })
                .map(({ withPage, validated, attributes: collected, ...flow }) => ({
                  ...flow,
                  attributes: collected,
                  // The flow calls the spec's submit extension by name.
                  ...(validated && apps.length > 0 && extensions.includes("Validate sign-up")
                    ? { attributeCollectionSubmitExtension: "Validate sign-up" }
                    : {}),
                  applications: linked.filter((_, j) => j % flows.length === i),
                  ...(withPage && collected.length > 0
                    ? {
                        page: {
                          views: [
                            {
                              title: "About you",
                              inputs: collected.map((attribute, k) => ({
                                attribute,
                                ...(k % 2 === 0 ? { label: `Your ${attribute}` } : {}),
                                required: k === 0,
                              })),
                            },
                          ],
                        },
                      }
                    : {}),
                })),
            ]),
          ),
        ),
      ),
    }),
  );

const { t } = useCoreEmulator();

describe("any valid spec", () => {
  it("applied, leaves an empty plan; a second one applied over it with prune, too", {
    timeout: 240_000,
  }, async () => {
    const client = t.client();
    await fc.assert(
      fc.asyncProperty(specArbitrary, specArbitrary, async (first, second) => {
        // Each run starts from the demo tenant as seeded.
        await t.emu.control.reset();
        await applyPlan(client, await planTenant(client, first, options), options);
        expect((await planTenant(client, first, options)).changes).toEqual([]);
        const pruned = { ...options, prune: true };
        await applyPlan(client, await planTenant(client, second, pruned), options);
        expect((await planTenant(client, second, pruned)).changes).toEqual([]);
      }),
      { numRuns: 25, seed: 13 },
    );
  });
});
