import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { clientSecretCredential } from "../src/auth/client-secret.ts";
import { addCertificateOperation } from "../src/graph/applications/add-certificate.ts";
import { addPasswordOperation } from "../src/graph/applications/add-password.ts";
import { createApplicationOperation } from "../src/graph/applications/create-application.ts";
import { deleteApplicationOperation } from "../src/graph/applications/delete-application.ts";
import { getApplicationOperation } from "../src/graph/applications/get-application.ts";
import { listApplicationsOperation } from "../src/graph/applications/list-applications.ts";
import { removePasswordOperation } from "../src/graph/applications/remove-password.ts";
import { createServicePrincipalOperation } from "../src/graph/service-principals/create-service-principal.ts";
import { getServicePrincipalOperation } from "../src/graph/service-principals/get-service-principal.ts";
import { grantPermissionOperation } from "../src/graph/service-principals/grant-permission.ts";
import { listGrantsOperation } from "../src/graph/service-principals/list-grants.ts";
import { revokePermissionOperation } from "../src/graph/service-principals/revoke-permission.ts";
import {
  AuthenticationError,
  ConflictError,
  ConnectionError,
  NotFoundError,
  PermissionError,
  ThrottledError,
  ValidationError,
} from "../src/http/errors.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";
import { limitedClient } from "./helpers/limited-app.ts";

const { t, client: admin } = useCoreEmulator({ clearFaults: true });

const GRAPH = "https://graph.microsoft.com/.default";
const roles = (token: string) =>
  (JSON.parse(Buffer.from(token.split(".")[1] as string, "base64url").toString()) as { roles?: string[] })
    .roles ?? [];

describe("app registration, credentials, service principal and permission grants", () => {
  it("bootstraps an automation app end to end and signs in with it", async () => {
    const app = await admin.run(createApplicationOperation, {
      displayName: "nightly export",
      webRedirectUris: ["https://export.example/cb"],
    });
    const appId = app.appId as string;
    expect(app.web?.redirectUris).toEqual(["https://export.example/cb"]);
    expect((await admin.run(getApplicationOperation, { appId })).id).toBe(app.id);
    expect(
      (await admin.run(listApplicationsOperation, { displayNameStartsWith: "nightly", limit: 5 })).items.map(
        (a) => a.id,
      ),
    ).toEqual([app.id]);

    const secret = await admin.run(addPasswordOperation, { id: app.id, displayName: "ci" });
    expect(secret.secretText.length).toBeGreaterThanOrEqual(16);
    const listed = await admin.run(getApplicationOperation, { id: app.id });
    expect(JSON.stringify(listed)).not.toContain(secret.secretText);
    expect(listed.passwordCredentials?.map((p) => p.keyId)).toEqual([secret.keyId]);

    await expect(admin.run(getServicePrincipalOperation, { appId })).rejects.toThrow(
      /ciam service-principal create/,
    );
    const sp = await admin.run(createServicePrincipalOperation, { appId });
    expect(sp.appId).toBe(appId);
    await expect(admin.run(createServicePrincipalOperation, { appId })).rejects.toBeInstanceOf(ConflictError);
    expect((await admin.run(getServicePrincipalOperation, { appId })).id).toBe(sp.id);

    const granted = await admin.run(grantPermissionOperation, { appId, permission: "User.Read.All" });
    expect(granted).toMatchObject({
      permission: "User.Read.All",
      appRoleId: "df021288-bdef-4463-88db-98f22de89214",
      alreadyGranted: false,
    });
    expect(
      (await admin.run(grantPermissionOperation, { appId, permission: "user.read.all" })).alreadyGranted,
    ).toBe(true);
    const grants = await admin.run(listGrantsOperation, { appId });
    expect(grants.grants.map((g) => g.permission)).toEqual(["User.Read.All"]);
    expect(grants.grants[0]?.resourceDisplayName).toBe("Microsoft Graph");

    const credential = clientSecretCredential({
      tenantId: t.tenant.tenantId,
      clientId: appId,
      clientSecret: secret.secretText,
      cloud: t.cloud,
    });
    expect(roles((await credential.getToken(GRAPH)).token)).toEqual(["User.Read.All"]);

    expect(await admin.run(revokePermissionOperation, { appId, permission: "User.Read.All" })).toEqual({
      permission: "User.Read.All",
      revoked: true,
      wasGranted: true,
    });
    expect(await admin.run(revokePermissionOperation, { appId, permission: "User.Read.All" })).toMatchObject({
      revoked: false,
    });
    expect((await admin.run(listGrantsOperation, { appId })).grants).toEqual([]);

    await admin.run(removePasswordOperation, { id: app.id, keyId: secret.keyId });
    const revoked = clientSecretCredential({
      tenantId: t.tenant.tenantId,
      clientId: appId,
      clientSecret: secret.secretText,
      cloud: t.cloud,
    });
    await expect(revoked.getToken(GRAPH)).rejects.toBeInstanceOf(AuthenticationError);

    await admin.run(deleteApplicationOperation, { id: app.id });
    await expect(admin.run(getApplicationOperation, { id: app.id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("adds a certificate and keeps existing ones", async () => {
    const app = await admin.run(createApplicationOperation, { displayName: "cert app" });
    const pem = t.tenant.certificate?.cert as string;
    const first = await admin.run(addCertificateOperation, {
      id: app.id,
      certificatePem: pem,
      displayName: "first",
    });
    expect(first.keyCredentials).toHaveLength(1);
    expect(first.keyCredentials[0]).toMatchObject({
      type: "AsymmetricX509Cert",
      usage: "Verify",
      displayName: "first",
    });
    const second = await admin.run(addCertificateOperation, { id: app.id, certificatePem: t.emu.caCertPem });
    expect(second.keyCredentials).toHaveLength(2);
    expect(second.keyCredentials[1]?.displayName).toBe(
      new X509Certificate(t.emu.caCertPem).subject
        .split("\n")
        .find((l) => l.startsWith("CN="))
        ?.slice(3),
    );
  });

  it.each([
    ["both id and appId", { id: "x", appId: "11111111-1111-4111-8111-111111111111" }],
    ["neither", {}],
  ])("refuses %s before any request", async (_name, ref) => {
    await expect(admin.run(getApplicationOperation, ref)).rejects.toBeInstanceOf(InvalidInputError);
  });

  it("refuses a private key in place of a certificate", async () => {
    await expect(
      admin.run(addCertificateOperation, {
        id: "x",
        certificatePem: `${t.tenant.certificate?.key}\n-----BEGIN CERTIFICATE-----`,
      }),
    ).rejects.toThrow(/private key/);
  });

  it("an unknown permission name is a ValidationError naming it", async () => {
    const error = await admin
      .run(grantPermissionOperation, { appId: t.tenant.clientId, permission: "User.ReadWrite.Everything" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain("User.ReadWrite.Everything");
  });

  it("granting needs AppRoleAssignment.ReadWrite.All and Application.Read.All", async () => {
    const { client, appId } = await limitedClient(t, admin, ["Application.Read.All"]);
    const error = await client
      .run(grantPermissionOperation, { appId, permission: "User.Read.All" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as Error).message).toContain("AppRoleAssignment.ReadWrite.All and Application.Read.All");
    await client.close();
  });

  it("a 503 on a read is retried", async () => {
    await t.control("PUT", "/faults", {
      rules: [{ method: "GET", path: "/applications", fault: { kind: "error", status: 503 }, times: 2 }],
    });
    expect((await admin.run(listApplicationsOperation, { limit: 2 })).items.length).toBeGreaterThan(0);
  });

  it("granting to an app without a service principal is a NotFoundError that says how to create one", async () => {
    const app = await admin.run(createApplicationOperation, { displayName: "no sp yet" });
    const error = await admin
      .run(grantPermissionOperation, { appId: app.appId as string, permission: "User.Read.All" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toContain(`service-principal create --app-id ${app.appId}`);
  });

  it("removing a password from an unknown app is a NotFoundError", async () => {
    await expect(
      admin.run(removePasswordOperation, {
        id: "00000000-0000-4000-8000-00000000dead",
        keyId: "11111111-1111-4111-8111-111111111111",
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("throttled: a create retried after Retry-After succeeds; without retries it is a ThrottledError", async () => {
    // The impatient client gets its token first (a read), so its write follows C within the 1 s window.
    const impatient = t.client({ retry: { maxRetries: 0 } });
    await impatient.run(listApplicationsOperation, { limit: 1 });
    await t.control("PUT", "/throttling", { enabled: true, timeScale: 150, limits: { appTenantWrites: 1 } });
    const a = await admin.run(createApplicationOperation, { displayName: "Throttle app A" });
    const b = await admin.run(createApplicationOperation, { displayName: "Throttle app B" });
    expect(a.id).not.toBe(b.id);
    await admin.run(createApplicationOperation, { displayName: "Throttle app C" });
    await expect(
      impatient.run(createApplicationOperation, { displayName: "Throttle app D" }),
    ).rejects.toBeInstanceOf(ThrottledError);
  });

  it("a dropped connection: a get is retried; a create whose answer was lost is a ConnectionError", async () => {
    const app = await admin.run(createApplicationOperation, { displayName: "Dropped read" });
    await t.control("PUT", "/faults", {
      rules: [{ method: "GET", path: "/applications/*", fault: { kind: "drop", when: "before" }, times: 2 }],
    });
    const impatient = t.client({ retry: { maxRetries: 0 } });
    await expect(impatient.run(getApplicationOperation, { id: app.id })).rejects.toBeInstanceOf(
      ConnectionError,
    );
    expect((await admin.run(getApplicationOperation, { id: app.id })).id).toBe(app.id);
    await t.control("PUT", "/faults", {
      rules: [{ method: "POST", path: "/applications", fault: { kind: "drop", when: "after" }, times: 1 }],
    });
    await expect(admin.run(createApplicationOperation, { displayName: "Lost app" })).rejects.toBeInstanceOf(
      ConnectionError,
    );
  });
});
