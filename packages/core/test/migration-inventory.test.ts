// migration_inventory and migration_status against the emulator: a B2C tenant with users of every
// sign-in type, custom attributes set on some, a social provider, a custom policy and apps.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CiamClient } from "../src/client.ts";
import { inventoryB2cTenant } from "../src/graph/migration/inventory-b2c.ts";
import { inventoryOperation } from "../src/graph/migration/inventory-operation.ts";
import { migrationStatusOperation } from "../src/graph/migration/migration-status.ts";
import { putPolicy } from "../src/graph/trust-framework/trust-framework-client.ts";
import { createAttribute } from "../src/graph/user-flow-attributes/user-flow-attributes-client.ts";
import { PermissionError } from "../src/http/errors.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { b2cClientWith } from "./helpers/app-client.ts";
import { type CoreEmulator, startCoreEmulator } from "./helpers/emulator.ts";

const DOMAIN = "fabrikamb2c.onmicrosoft.com";
const NS = "http://schemas.microsoft.com/online/cpim/schemas/2013/06";
const POLICY = `<?xml version="1.0" encoding="utf-8"?>
<TrustFrameworkPolicy xmlns="${NS}" PolicySchemaVersion="0.3.0.0" TenantId="${DOMAIN}" PolicyId="B2C_1A_Inventory">
  <ClaimsProviders><ClaimsProvider><DisplayName>Calls</DisplayName><TechnicalProfiles>
    <TechnicalProfile Id="REST-Check"><Protocol Name="Proprietary" Handler="Web.TPEngine.Providers.RestfulProvider, Web.TPEngine"/></TechnicalProfile>
    <TechnicalProfile Id="Google"><Protocol Name="OAuth2"/></TechnicalProfile>
  </TechnicalProfiles></ClaimsProvider></ClaimsProviders>
  <UserJourneys><UserJourney Id="SignIn"><OrchestrationSteps>
    <OrchestrationStep Order="1" Type="CombinedSignInAndSignUp"/>
    <OrchestrationStep Order="2" Type="ClaimsExchange"/>
    <OrchestrationStep Order="3" Type="SendClaims"/>
  </OrchestrationSteps></UserJourney></UserJourneys>
</TrustFrameworkPolicy>`;

const ALL = [
  "User.ReadWrite.All",
  "Application.ReadWrite.All",
  "IdentityProvider.ReadWrite.All",
  "IdentityUserFlow.ReadWrite.All",
  "Policy.ReadWrite.TrustFramework",
  "Policy.Read.All",
];

let e: CoreEmulator;
let b2c: CiamClient;
let tier: string;
let flag: string;

const local = (signInType: string, id: string) => ({ signInType, issuer: DOMAIN, issuerAssignedId: id });
const social = (issuer: string, id: string) => ({ signInType: "federated", issuer, issuerAssignedId: id });

async function user(n: number, identities: object[], extra: Record<string, unknown> = {}) {
  const password = identities.some((i) => (i as { signInType: string }).signInType !== "federated");
  await b2c.graph.post("/users", {
    displayName: `Customer ${n}`,
    identities,
    ...(password
      ? { passwordProfile: { password: `Pw-${n}-x9!Abcdef`, forceChangePasswordNextSignIn: false } }
      : {}),
    ...extra,
  });
}

beforeAll(async () => {
  e = await startCoreEmulator();
  b2c = b2cClientWith(e, ALL);
  tier = (await createAttribute(b2c.graph, { displayName: "Tier", dataType: "string" })).id;
  flag = (await createAttribute(b2c.graph, { displayName: "RequiresMigration", dataType: "boolean" })).id;
  await user(1, [local("emailAddress", "a@example.com")], { [tier]: "gold", [flag]: true });
  await user(2, [local("emailAddress", "b@example.com")], { [tier]: "silver", [flag]: true });
  await user(3, [local("emailAddress", "c@example.com"), social("facebook.com", "fb-3")], { [flag]: false });
  await user(4, [local("userName", "dave")], { [flag]: true });
  await user(5, [local("userName", "erin")], { [tier]: "gold" });
  await user(6, [local("phoneNumber", "+15555550106")]);
  await user(7, [social("google.com", "g-7")]);
  await user(8, [social("google.com", "g-8")]);
  await b2c.graph.post("/identity/identityProviders", {
    "@odata.type": "#microsoft.graph.socialIdentityProvider",
    displayName: "Google",
    identityProviderType: "Google",
    clientId: "google-client",
    clientSecret: "google-secret-value",
  });
  await putPolicy(b2c.graphBeta, "B2C_1A_Inventory", POLICY);
  await b2c.graph.post("/applications", {
    displayName: "Shop",
    web: { redirectUris: ["https://shop.example.com/auth"] },
  });
});

afterAll(async () => {
  await b2c?.close();
  await e?.stop();
});

describe("migration_inventory", () => {
  it("counts users by sign-in type, custom attributes by users setting them, and lists what moves", async () => {
    const inv = await b2c.run(inventoryOperation, {});
    // The management app's own users (none) aside, exactly the eight customers above.
    expect(inv.users).toEqual({
      total: 8,
      bySignInType: { emailAddress: 3, userName: 2, phoneNumber: 1 },
      federatedByIssuer: { "facebook.com": 1, "google.com": 2 },
      localAccounts: 6,
      socialOnly: 2,
    });
    const attributes = Object.fromEntries(inv.customAttributes.map((a) => [a.name, a.usersWithValue]));
    expect(attributes).toEqual({ Tier: 3, RequiresMigration: 4 });
    expect(inv.customAttributes.find((a) => a.name === "Tier")?.property).toBe(tier);
    expect(inv.identityProviders.map((p) => p.type)).toContain("Google");
    expect(inv.customPolicies).toEqual([
      { id: "B2C_1A_Inventory", orchestrationSteps: 3, technicalProfiles: { Proprietary: 1, OAuth2: 1 } },
    ]);
    expect(inv.apps.find((a) => a.displayName === "Shop")?.redirectUris).toEqual([
      "https://shop.example.com/auth",
    ]);
    expect(inv.extensionsAppId).toBe(
      tier.split("_")[1]?.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5"),
    );
    expect(inv.gaps.map((g) => g.feature.split(":")[0])).toEqual([
      "Custom policies (Identity Experience Framework)",
      "Proprietary technical profiles (REST API calls, claims transformations)",
      "Phone number sign-in",
      "Password hashes cannot be exported",
    ]);
  });

  it("is the library function too, and writes a Markdown report when asked", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ciam-inventory-"));
    const report = join(dir, "inventory.md");
    const inv = await b2c.run(inventoryOperation, { report });
    expect(await inventoryB2cTenant(b2c)).toEqual(inv);
    const text = readFileSync(report, "utf8");
    expect(text).toContain("| emailAddress | 3 |");
    expect(text).toContain("| Tier | string |");
    expect(text).toContain("## No equivalent in External ID");
  });

  it("refuses a report in a folder that does not exist before reading anything", async () => {
    const before = e.emu.control.monitor.requests().length;
    const error = await b2c
      .run(inventoryOperation, { report: "/nonexistent-dir/x.md" })
      .catch((x: unknown) => x);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(String(error)).toContain("does not exist");
    expect(e.emu.control.monitor.requests().length).toBe(before);
  });

  it("names the permission it lacks", async () => {
    const limited = b2cClientWith(e, [
      "Application.Read.All",
      "IdentityUserFlow.Read.All",
      "Policy.Read.All",
      "IdentityProvider.Read.All",
    ]);
    const error = await limited.run(inventoryOperation, {}).catch((x: unknown) => x);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).requiredPermissions).toContain("User.Read.All");
    await limited.close();
  });
});

describe("migration_status", () => {
  it("counts pending, migrated and unset flags, and follows flips", async () => {
    expect(await b2c.run(migrationStatusOperation, {})).toEqual({
      property: flag,
      pending: 3,
      migrated: 1,
      unset: 4,
      total: 8,
    });
    const pending = (
      await b2c.graph.get<{ value: { id: string }[] }>("/users", {
        query: { $filter: `${flag} eq true`, $count: "true" },
        headers: { ConsistencyLevel: "eventual" },
      })
    ).value;
    for (const u of pending.slice(0, 2)) await b2c.graph.patch(`/users/${u.id}`, { [flag]: false });
    expect(await b2c.run(migrationStatusOperation, { attribute: "RequiresMigration" })).toMatchObject({
      pending: 1,
      migrated: 3,
      unset: 4,
    });
  });

  it("says how to create a flag that does not exist", async () => {
    const error = await b2c
      .run(migrationStatusOperation, { attribute: "NoSuchFlag" })
      .catch((x: unknown) => x);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(String(error)).toContain("migration_jit_setup");
  });
});
