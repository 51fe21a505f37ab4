import type { WorkforceConnection } from "@ciamkit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantOperation } from "../src/arm/tenants/create-tenant.ts";
import { deleteTenantOperation } from "../src/arm/tenants/delete-tenant.ts";
import { waitTenantCreateOperation } from "../src/arm/tenants/wait-tenant-create.ts";
import { addCertificateOperation } from "../src/graph/applications/add-certificate.ts";
import { createApplicationOperation } from "../src/graph/applications/create-application.ts";
import { deleteApplicationOperation } from "../src/graph/applications/delete-application.ts";
import { getOrganizationOperation } from "../src/graph/organization/get-organization.ts";
import { createServicePrincipalOperation } from "../src/graph/service-principals/create-service-principal.ts";
import { grantPermissionOperation } from "../src/graph/service-principals/grant-permission.ts";
import { listUsersOperation } from "../src/graph/users/list-users.ts";
import { ConflictError } from "../src/http/errors.ts";
import type { CoreEmulator } from "./helpers/emulator.ts";
import { pollTokenOf, startWorkforceEmulator, type WorkforceEmulator } from "./helpers/workforce.ts";

let env: WorkforceEmulator;
let t: CoreEmulator;
let w: WorkforceConnection;

beforeAll(async () => {
  env = await startWorkforceEmulator({ provisioningSeconds: 1 });
  ({ t, w } = env);
}, 30_000);
afterAll(() => env.stop());

describe("a new external tenant, from creation to an automation app and back", () => {
  it("creates the tenant, bootstraps a certificate app in it as its first admin, and deletes it last", {
    timeout: 20_000,
  }, async () => {
    const where = { subscriptionId: w.subscriptionId, resourceGroup: w.resourceGroup, name: "northwindshop" };
    const azure = env.signIn(w.adminUser.userPrincipalName);
    const started = await azure.run(createTenantOperation, {
      ...where,
      displayName: "Northwind Shop",
      countryCode: "AU",
      location: "Australia",
    });
    const { tenant } = await azure.run(waitTenantCreateOperation, { pollToken: pollTokenOf(started) });
    const tenantId = String(tenant.properties.tenantId);

    // The creator administers the new tenant with delegated Graph permissions.
    const admin = env.signIn(
      "admin_fabrikamhq.onmicrosoft.com#EXT#@northwindshop.onmicrosoft.com",
      "northwindshop.onmicrosoft.com",
    );
    const org = await admin.run(getOrganizationOperation, {});
    expect(org).toMatchObject({ id: tenantId, displayName: "Northwind Shop", tenantType: "CIAM" });
    const app = await admin.run(createApplicationOperation, { displayName: "northwind automation" });
    const appId = String(app.appId);
    await admin.run(createServicePrincipalOperation, { appId });
    const certificate = t.tenant.certificate;
    if (certificate === undefined) throw new Error("the demo seed has no certificate");
    await admin.run(addCertificateOperation, { appId, certificatePem: certificate.cert });
    const grant = await admin.run(grantPermissionOperation, { appId, permission: "User.Read.All" });
    expect(grant.alreadyGranted).toBe(false);

    // The app now signs in with its own certificate, without any admin.
    const automation = env.certificateApp(tenantId, appId, certificate);
    const users = await automation.run(listUsersOperation, {});
    expect(users.items.map((u) => u.userPrincipalName)).toEqual([
      "admin_fabrikamhq.onmicrosoft.com#EXT#@northwindshop.onmicrosoft.com",
    ]);

    // ARM deletes the resource only once the tenant is empty again.
    await expect(azure.run(deleteTenantOperation, where)).rejects.toBeInstanceOf(ConflictError);
    await admin.run(deleteApplicationOperation, { appId });
    expect(await azure.run(deleteTenantOperation, where)).toEqual({ status: "Deleted" });
    expect(t.emu.store.tenant(tenantId)).toBeUndefined();
  });
});
