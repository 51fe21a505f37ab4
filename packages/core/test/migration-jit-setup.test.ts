// migration_jit_setup against the emulator's external tenant: from nothing, a rerun, a new endpoint,
// an inline certificate, bad input and a missing permission.
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { getCustomExtensionOperation } from "../src/graph/custom-extensions/get-custom-extension.ts";
import { getEventListenerOperation } from "../src/graph/event-listeners/get-event-listener.ts";
import { newEncryptionKey } from "../src/graph/migration/jit-keys.ts";
import { jitSetupOperation } from "../src/graph/migration/jit-setup-operation.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";
import { missingPermissions } from "./helpers/limited-app.ts";

const { t, client } = useCoreEmulator();
const dir = mkdtempSync(join(tmpdir(), "ciam-jit-setup-"));
const requests = () => t.emu.control.monitor.requests().length;

interface RawApp {
  id: string;
  appId: string;
  identifierUris: string[];
  tokenEncryptionKeyId: string | null;
  keyCredentials: { keyId: string; usage: string; type: string; customKeyIdentifier: string }[];
}
const rawApp = (appId: string) => client.graph.get<RawApp>(`/applications(appId='${appId}')`);
const shop = async (name: string) =>
  (await client.graph.post<{ appId: string }>("/applications", { displayName: name })).appId;

describe("migration_jit_setup", () => {
  it("creates and links everything from nothing, then a rerun changes nothing", async () => {
    const apps = [await shop("Shop web"), await shop("Shop mobile")];
    const keyFile = join(dir, "jit-key.pem");
    const input = { endpoint: "https://jit.example.com/api/migrate", apps, privateKeyOut: keyFile };
    const first = await client.run(jitSetupOperation, input);
    expect(first.changed).toBe(true);
    expect(first.actions.map((a) => `${a.action} ${a.resource}`)).toEqual([
      "created application",
      "created servicePrincipal",
      "added appRoleAssignment",
      "created encryptionKey",
      "created userFlowAttribute",
      "created customExtension",
      "created eventListener",
    ]);
    // The private key: written once, owner-only, and never in the result.
    expect(readFileSync(keyFile, "utf8")).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(JSON.stringify(first)).not.toContain("PRIVATE KEY");

    const app = await rawApp(first.extensionAppId);
    expect(app.identifierUris).toEqual([`api://jit.example.com/${first.extensionAppId}`]);
    expect(app.tokenEncryptionKeyId).toBe(first.encryptionKeyId);
    expect(app.keyCredentials).toMatchObject([
      { keyId: first.encryptionKeyId, usage: "Encrypt", type: "AsymmetricX509Cert" },
    ]);
    // Its service principal holds Graph's Receive.Payload application permission.
    const sp = (
      await client.graph.get<{ value: { id: string }[] }>("/servicePrincipals", {
        query: { $filter: `appId eq '${first.extensionAppId}'` },
      })
    ).value[0];
    const graphSp = (
      await client.graph.get<{ value: { id: string; appRoles: { id: string; value: string }[] }[] }>(
        "/servicePrincipals",
        { query: { $filter: "appId eq '00000003-0000-0000-c000-000000000000'" } },
      )
    ).value[0];
    const receive = graphSp?.appRoles.find(
      (r) => r.value === "CustomAuthenticationExtensions.Receive.Payload",
    );
    const held = await client.graph.get<{ value: { appRoleId: string }[] }>(
      `/servicePrincipals/${sp?.id}/appRoleAssignments`,
    );
    expect(held.value.map((a) => a.appRoleId)).toEqual([receive?.id]);
    const extension = await client.run(getCustomExtensionOperation, { id: first.customExtensionId });
    expect(extension).toMatchObject({
      kind: "onPasswordSubmit",
      targetUrl: input.endpoint,
      resourceId: `api://jit.example.com/${first.extensionAppId}`,
      timeoutInMilliseconds: 2000,
      maximumRetries: 1,
    });
    const listener = await client.run(getEventListenerOperation, { id: first.listenerId });
    expect(listener).toMatchObject({ kind: "onPasswordSubmit", customExtensionId: first.customExtensionId });
    expect(listener.appIds.toSorted()).toEqual(apps.toSorted());
    expect(listener.migrationPropertyId).toBe(first.migrationPropertyId);
    expect(first.migrationPropertyId).toMatch(/^extension_[0-9a-f]{32}_RequiresMigration$/);

    const before = await rawApp(first.extensionAppId);
    const again = await client.run(jitSetupOperation, input);
    expect(again.changed).toBe(false);
    expect(again.actions.every((a) => a.action === "unchanged")).toBe(true);
    expect(again).toMatchObject({
      extensionAppId: first.extensionAppId,
      customExtensionId: first.customExtensionId,
      listenerId: first.listenerId,
      encryptionKeyId: first.encryptionKeyId,
    });
    expect(await rawApp(first.extensionAppId)).toEqual(before);

    // A second endpoint: the same app, extension and listener, updated in place; the key stays.
    const moved = await client.run(jitSetupOperation, {
      ...input,
      endpoint: "https://jit2.example.com/migrate",
    });
    expect(
      moved.actions.filter((a) => a.action !== "unchanged").map((a) => `${a.action} ${a.resource}`),
    ).toEqual(["updated application", "updated customExtension"]);
    expect(moved).toMatchObject({
      customExtensionId: first.customExtensionId,
      encryptionKeyId: first.encryptionKeyId,
    });
    expect((await rawApp(first.extensionAppId)).identifierUris).toEqual([
      `api://jit2.example.com/${first.extensionAppId}`,
    ]);
    expect(await client.run(getCustomExtensionOperation, { id: first.customExtensionId })).toMatchObject({
      targetUrl: "https://jit2.example.com/migrate",
      resourceId: `api://jit2.example.com/${first.extensionAppId}`,
    });

    // --rotate-key makes a new key, never over an existing file.
    const refused = await client
      .run(jitSetupOperation, { ...input, rotateKey: true })
      .catch((x: unknown) => x);
    expect(refused).toBeInstanceOf(InvalidInputError);
    expect(String(refused)).toContain("never overwritten");
    const rotated = await client.run(jitSetupOperation, {
      ...input,
      rotateKey: true,
      privateKeyOut: join(dir, "jit-key-2.pem"),
    });
    expect(rotated.encryptionKeyId).not.toBe(first.encryptionKeyId);
    expect((await rawApp(first.extensionAppId)).tokenEncryptionKeyId).toBe(rotated.encryptionKeyId);
  });

  it("takes a public certificate inline (the MCP form) and keeps it on a rerun", async () => {
    const { certificate } = newEncryptionKey("inline test");
    const pem = `-----BEGIN CERTIFICATE-----\n${certificate.key}\n-----END CERTIFICATE-----\n`;
    const input = {
      endpoint: "https://inline.example.com/jit",
      allApps: true,
      appName: "Inline JIT",
      certificate: pem,
    };
    const first = await client.run(jitSetupOperation, input);
    const app = await rawApp(first.extensionAppId);
    const thumbprint = Buffer.from(app.keyCredentials[0]?.customKeyIdentifier ?? "", "base64");
    expect(thumbprint.toString("hex").toUpperCase()).toBe(certificate.thumbprint);
    expect(app.tokenEncryptionKeyId).toBe(first.encryptionKeyId);
    const listener = await client.run(getEventListenerOperation, { id: first.listenerId });
    expect(listener.appIds).not.toContain(first.extensionAppId);
    expect(listener.appIds.length).toBeGreaterThan(0);
    const again = await client.run(jitSetupOperation, { ...input, certificate: certificate.key });
    expect(again.changed).toBe(false);
  });

  it("hands a generated private key back once when asked to print it", async () => {
    const out = await client.run(jitSetupOperation, {
      endpoint: "http://localhost:7071/api/jit",
      allApps: true,
      appName: "Printed JIT",
      printPrivateKey: true,
    });
    expect(out.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(jitSetupOperation.secretOutputFields).toEqual(["privateKey"]);
  });

  it.each([
    ["http on a public host", { endpoint: "http://jit.example.com/api", allApps: true }],
    ["not a URL", { endpoint: "jit.example.com/api", allApps: true }],
    ["neither apps nor allApps", { endpoint: "https://jit.example.com/api" }],
    [
      "a certificate that is none",
      { endpoint: "https://jit.example.com/api", allApps: true, certificate: "x".repeat(120) },
    ],
  ])("refuses %s before any request", async (_, input) => {
    const before = requests();
    const error = await client.run(jitSetupOperation, input).catch((x: unknown) => x);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(requests()).toBe(before);
  });

  it("asks for a key when there is none and none is given, having written nothing", async () => {
    const error = await client
      .run(jitSetupOperation, {
        endpoint: "https://nokey.example.com/jit",
        allApps: true,
        appName: "No key JIT",
      })
      .catch((x: unknown) => x);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(String(error)).toContain("privateKeyOut");
    expect(
      (
        await client.graph.get<{ value: unknown[] }>("/applications", {
          query: { $filter: "displayName eq 'No key JIT'" },
        })
      ).value,
    ).toEqual([]);
  });

  it("names the permission it lacks", async () => {
    const { certificate } = newEncryptionKey("perm test");
    const missing = await missingPermissions(
      t,
      client,
      [
        "Application.ReadWrite.All",
        "AppRoleAssignment.ReadWrite.All",
        "IdentityUserFlow.ReadWrite.All",
        "EventListener.ReadWrite.All",
      ],
      (c) =>
        c.run(jitSetupOperation, {
          endpoint: "https://perm.example.com/jit",
          allApps: true,
          appName: "Perm JIT",
          certificate: certificate.key,
        }),
    );
    expect(missing).toContain("CustomAuthenticationExtension.ReadWrite.All");
  });
});
