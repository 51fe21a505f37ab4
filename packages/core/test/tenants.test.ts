import type { WorkforceConnection } from "@ciamkit/emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { checkTenantNameOperation } from "../src/arm/tenants/check-tenant-name.ts";
import { createTenantOperation } from "../src/arm/tenants/create-tenant.ts";
import { deleteTenantOperation } from "../src/arm/tenants/delete-tenant.ts";
import { getTenantOperation } from "../src/arm/tenants/get-tenant.ts";
import { getTenantCreateStatusOperation } from "../src/arm/tenants/get-tenant-create-status.ts";
import { listTenantsOperation } from "../src/arm/tenants/list-tenants.ts";
import { updateTenantOperation } from "../src/arm/tenants/update-tenant.ts";
import { waitTenantCreateOperation } from "../src/arm/tenants/wait-tenant-create.ts";
import type { CiamClient } from "../src/client.ts";
import { NotFoundError, PermissionError, ValidationError } from "../src/http/errors.ts";
import type { OperationProgress } from "../src/operations/context.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import type { CoreEmulator } from "./helpers/emulator.ts";
import { pollTokenOf, startWorkforceEmulator, type WorkforceEmulator } from "./helpers/workforce.ts";

let env: WorkforceEmulator;
let t: CoreEmulator;
let w: WorkforceConnection;
let admin: CiamClient;

beforeAll(async () => {
  env = await startWorkforceEmulator({ provisioningSeconds: 2 });
  ({ t, w } = env);
  admin = env.signIn(w.adminUser.userPrincipalName);
}, 30_000);
afterAll(() => env.stop());

const at = () => ({ subscriptionId: w.subscriptionId, resourceGroup: w.resourceGroup });
const newTenant = (name: string) => ({
  ...at(),
  name,
  displayName: `${name} shop`,
  countryCode: "fr",
  location: "Europe" as const,
  tags: { env: "test" },
});

describe("tenant_check_name", () => {
  test.each([
    ["freshname", true, undefined],
    ["contoso", false, "AlreadyExists"],
    ["bad-name", false, "Invalid"],
  ])("%s → available %s", async (name, available, reason) => {
    const result = await admin.run(checkTenantNameOperation, {
      subscriptionId: w.subscriptionId,
      name,
      countryCode: "US",
    });
    expect(result.nameAvailable).toBe(available);
    if (reason !== undefined) expect(result.reason).toBe(reason);
  });
});

describe("tenant_create and its wait", () => {
  test("create, then wait with progress, gives a provisioned tenant its creator can sign in to", {
    timeout: 20_000,
  }, async () => {
    const started = await admin.run(createTenantOperation, newTenant("alpineshop"));
    expect(started.tenant.properties.provisioningState).toBe("Provisioning");
    expect(started.pollToken).toEqual(expect.any(String));
    const progress: OperationProgress[] = [];
    const { tenant } = await admin.run(
      waitTenantCreateOperation,
      { pollToken: pollTokenOf(started) },
      { onProgress: (p) => progress.push(p) },
    );
    expect(tenant.properties).toMatchObject({
      provisioningState: "Succeeded",
      domainName: "alpineshop.onmicrosoft.com",
      createTenantProperties: { displayName: "alpineshop shop", countryCode: "FR" },
    });
    expect(progress[0]?.message).toMatch(/InProgress/);
    expect(progress.at(-1)?.message).toMatch(/Succeeded/);

    // The creator is the new tenant's first administrator: a delegated Graph token there, by its name.
    const tenantId = String(tenant.properties.tenantId);
    const upn = "admin_fabrikamhq.onmicrosoft.com#EXT#@alpineshop.onmicrosoft.com";
    const credential = env.deviceCode(upn, "alpineshop.onmicrosoft.com");
    const { token } = await credential.getToken(t.cloud.graphScope);
    const claims = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));
    expect(claims).toMatchObject({ tid: tenantId, upn, idtyp: "user" });
    expect(String(claims.scp).split(" ")).toContain("Application.ReadWrite.All");
  });

  test("status checks once; another client resumes the wait from the poll token", {
    timeout: 20_000,
  }, async () => {
    const started = await admin.run(createTenantOperation, newTenant("betashop"));
    const status = await admin.run(getTenantCreateStatusOperation, { pollToken: pollTokenOf(started) });
    expect(status).toMatchObject({ status: "InProgress", done: false });
    expect(status.tenant).toBeUndefined();
    expect(status.retryAfterSeconds).toBeGreaterThanOrEqual(1);

    const elsewhere = env.signIn(w.adminUser.userPrincipalName);
    const { tenant } = await elsewhere.run(waitTenantCreateOperation, { pollToken: pollTokenOf(started) });
    expect(tenant.properties.provisioningState).toBe("Succeeded");
    const after = await admin.run(getTenantCreateStatusOperation, { pollToken: pollTokenOf(started) });
    expect(after).toMatchObject({ status: "Succeeded", done: true, tenant: { name: "betashop" } });
  });

  test("a cancelled wait stops waiting and leaves the creation running", { timeout: 20_000 }, async () => {
    const started = await admin.run(createTenantOperation, newTenant("gammashop"));
    const abort = new AbortController();
    const waiting = admin.run(
      waitTenantCreateOperation,
      { pollToken: pollTokenOf(started) },
      { signal: abort.signal, onProgress: () => abort.abort(new Error("stopped by the user")) },
    );
    await expect(waiting).rejects.toThrow("stopped by the user");
    const { tenant } = await admin.run(waitTenantCreateOperation, { pollToken: pollTokenOf(started) });
    expect(tenant.properties.provisioningState).toBe("Succeeded");
  });

  test("bad input is refused before anything is sent", async () => {
    await expect(admin.run(createTenantOperation, { ...newTenant("bad-name") })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(
      // @ts-expect-error: not a location (refused at compile time, and at run time for untyped callers)
      admin.run(createTenantOperation, { ...newTenant("okname"), location: "westeurope" }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    // What only ARM knows (a country outside the location) comes back as a ValidationError.
    const refused = await admin
      .run(createTenantOperation, { ...newTenant("okname"), countryCode: "US" })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).code).toBe("InvalidCountryCode");
    const list = await admin.run(listTenantsOperation, { subscriptionId: w.subscriptionId });
    expect(list.items.map((t) => t.name)).not.toContain("okname");
  });

  test("a user without an Azure role gets a PermissionError naming the RBAC action", {
    timeout: 20_000,
  }, async () => {
    const developer = env.signIn(w.developerUser.userPrincipalName);
    const error = await developer.run(createTenantOperation, newTenant("devshop")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).code).toBe("AuthorizationFailed");
    expect((error as PermissionError).requiredPermissions).toEqual([
      "Microsoft.AzureActiveDirectory/ciamDirectories/write",
    ]);
    expect((error as PermissionError).message).toMatch(/Azure role/);
    const check = await admin.run(checkTenantNameOperation, {
      subscriptionId: w.subscriptionId,
      name: "devshop",
      countryCode: "FR",
    });
    expect(check.nameAvailable).toBe(true);
  });
});

describe("tenant_get, tenant_list, tenant_update, tenant_delete", () => {
  test("get and list by resource group (paged) and by subscription", async () => {
    const got = await admin.run(getTenantOperation, { ...at(), name: "alpineshop" });
    expect(got).toMatchObject({ name: "alpineshop", location: "Europe", tags: { env: "test" } });
    const page1 = await admin.run(listTenantsOperation, { ...at(), limit: 2 });
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = await admin.run(listTenantsOperation, { ...at(), limit: 2, cursor: page1.nextCursor });
    const names = [...page1.items, ...page2.items].map((t) => t.name).sort();
    expect(names).toEqual(["alpineshop", "betashop", "gammashop"]);
    const bySubscription = await admin.run(listTenantsOperation, { subscriptionId: w.subscriptionId });
    expect(bySubscription.items).toHaveLength(3);
    await expect(admin.run(getTenantOperation, { ...at(), name: "nosuchshop" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  test("update changes tags and SKU", async () => {
    const updated = await admin.run(updateTenantOperation, {
      ...at(),
      name: "betashop",
      tags: { env: "prod" },
      sku: "PremiumP1",
    });
    expect(updated).toMatchObject({ tags: { env: "prod" }, sku: { name: "PremiumP1", tier: "A0" } });
    await expect(admin.run(updateTenantOperation, { ...at(), name: "betashop" })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });

  test("delete waits by default, or returns a poll token; the tenant is gone", {
    timeout: 20_000,
  }, async () => {
    const progress: string[] = [];
    const deleted = await admin.run(
      deleteTenantOperation,
      { ...at(), name: "betashop" },
      { onProgress: (p) => progress.push(p.message) },
    );
    expect(deleted).toEqual({ status: "Deleted" });
    expect(progress.at(-1)).toMatch(/Succeeded/);
    await expect(admin.run(getTenantOperation, { ...at(), name: "betashop" })).rejects.toBeInstanceOf(
      NotFoundError,
    );

    const started = await admin.run(deleteTenantOperation, { ...at(), name: "gammashop", wait: false });
    expect(started).toMatchObject({ status: "Deleting", pollToken: expect.any(String) });
    const status = await admin.run(getTenantCreateStatusOperation, { pollToken: pollTokenOf(started) });
    expect(status.done).toBe(false);
    expect(await admin.run(deleteTenantOperation, { ...at(), name: "nosuchshop" })).toEqual({
      status: "Deleted",
    });
  });
});
