// Property: any valid spec, applied to a tenant, leaves nothing to plan; and any second spec applied
// over it with prune (updates, moves and deletes) leaves nothing to plan either.
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

const specArbitrary: fc.Arbitrary<TenantSpecInput> = fc
  .record({
    attributes: fc.subarray(ATTRIBUTES),
    apps: fc.subarray(APPS),
    groups: fc.subarray(GROUPS),
    flows: fc.subarray(FLOWS),
    seed: fc.infiniteStream(fc.nat(1000)),
  })
  .chain(({ attributes, apps, groups, flows }) =>
    fc.record({
      userFlowAttributes: fc.record(
        Object.fromEntries(
          attributes.map((a) => [a, fc.record({ dataType: fc.constant("string" as const), description })]),
        ),
      ),
      applications: fc.record(
        Object.fromEntries(
          apps.map((a) => [
            a,
            fc.record(
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
              },
              { requiredKeys: [] },
            ),
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
        })
        .map(({ locales, base, withDefault }) => ({
          ...(withDefault ? { default: base } : {}),
          ...Object.fromEntries(locales.map((l) => [l, { signInPageText: `Text ${l}` }])),
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
                })
                .map(({ withPage, attributes: collected, ...flow }) => ({
                  ...flow,
                  attributes: collected,
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
        await applyPlan(client, await planTenant(client, first));
        expect((await planTenant(client, first)).changes).toEqual([]);
        await applyPlan(client, await planTenant(client, second, { prune: true }));
        expect((await planTenant(client, second, { prune: true })).changes).toEqual([]);
      }),
      { numRuns: 25, seed: 13 },
    );
  });
});
