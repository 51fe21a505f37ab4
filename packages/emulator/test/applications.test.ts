import { ConfidentialClientApplication } from "@azure/msal-node";
import { describe, expect, it } from "vitest";
import { GRAPH_APP_ID, GRAPH_APP_ROLES } from "../src/graph/entities/graph-service-principal.ts";
import type { SecretHash } from "../src/store/secrets.ts";
import { verifySecret } from "../src/store/secrets.ts";
import { pkcs12File, proofToken, selfSignedCertificate } from "./helpers/certificate.ts";
import { claimsOf } from "./helpers/emulator.ts";
import { useGraphFixture } from "./helpers/graph.ts";
import { msalNetworkClient } from "./helpers/https.ts";

const { fx, g } = useGraphFixture();

describe("applications", () => {
  it("creates (201), gets by id and by appId, updates (204) and deletes (204) with its service principal", async () => {
    const created = await g.post("/applications", { displayName: "shop", signInAudience: "AzureADMyOrg" });
    expect(created.status).toBe(201);
    const { id, appId } = created.body;
    expect(created.body).toMatchObject({
      displayName: "shop",
      publisherDomain: "contoso.onmicrosoft.com",
      passwordCredentials: [],
    });
    expect((await g.get(`/applications(appId='${appId}')?$select=id`)).body.id).toBe(id);
    expect(
      (
        await g.patch(`/applications(appId='${appId}')`, {
          web: { redirectUris: ["https://shop.example/cb"] },
        })
      ).status,
    ).toBe(204);
    expect((await g.get(`/applications/${id}?$select=web`)).body.web.redirectUris).toEqual([
      "https://shop.example/cb",
    ]);
    const sp = await g.post("/servicePrincipals", { appId });
    expect(sp.status).toBe(201);
    expect((await g.del(`/applications/${id}`)).status).toBe(204);
    expect((await g.get(`/servicePrincipals/${sp.body.id}`)).status).toBe(404);
  });

  it.each([
    ["no displayName", {}, "displayName"],
    ["a read-only property", { displayName: "x", appId: GRAPH_APP_ID }, "appId"],
    ["an unknown audience", { displayName: "x", signInAudience: "Everyone" }, "signInAudience"],
    ["an identifier URI in use", { displayName: "x", identifierUris: ["API://shop"] }, "identifierUris"],
  ])("refuses an application with %s (400)", async (_, body, property) => {
    await g.post("/applications", { displayName: "shop", identifierUris: ["api://shop"] });
    const r = await g.post("/applications", body);
    expect(r.status).toBe(400);
    expect(r.error?.message).toContain(property);
  });

  it("adds a secret shown once (40 chars, hint = first 3) and removes it", async () => {
    const { body: app } = await g.post("/applications", { displayName: "shop" });
    const r = await g.post(`/applications/${app.id}/addPassword`, {
      passwordCredential: { displayName: "ci" },
    });
    expect(r.status).toBe(200);
    expect(r.body.secretText).toHaveLength(40);
    expect(r.body.hint).toBe(r.body.secretText.slice(0, 3));
    expect(Date.parse(r.body.endDateTime) - Date.parse(r.body.startDateTime)).toBe(2 * 365 * 86_400_000);
    const stored = await g.get(`/applications/${app.id}`);
    const { "@odata.context": _context, ...credential } = r.body;
    expect(stored.body.passwordCredentials).toEqual([{ ...credential, secretText: null }]);
    const hash = fx.tenant.collection("_credentials").get(r.body.keyId);
    expect(hash).toMatchObject({ appObjectId: app.id, keyId: r.body.keyId, type: "Password" });
    expect(verifySecret(r.body.secretText, hash?.secret as unknown as SecretHash)).toBe(true);
    const audits = JSON.stringify([...fx.tenant.collection("directoryAudits").values()]);
    expect(audits).not.toContain(r.body.secretText);
    expect((await g.post(`/applications/${app.id}/removePassword`, { keyId: r.body.keyId })).status).toBe(
      204,
    );
    expect(fx.tenant.collection("_credentials").has(r.body.keyId)).toBe(false);
    expect((await g.post(`/applications/${app.id}/removePassword`, { keyId: r.body.keyId })).status).toBe(
      400,
    );
  });

  it("registers a certificate by PATCH (key hidden unless selected), then rolls it with proofs (addKey, removeKey)", async () => {
    const first = await selfSignedCertificate();
    const { body: app } = await g.post("/applications", { displayName: "shop" });
    const patch = await g.patch(`/applications/${app.id}`, {
      keyCredentials: [{ type: "AsymmetricX509Cert", usage: "Verify", key: first.der }],
    });
    expect(patch.status).toBe(204);
    const hidden = await g.get(`/applications/${app.id}`);
    expect(hidden.body.keyCredentials[0].key).toBeNull();
    expect(hidden.body.keyCredentials[0].customKeyIdentifier).toMatch(/^[A-Za-z0-9+/]{27}=$/);
    expect((await g.get(`/applications/${app.id}?$select=keyCredentials`)).body.keyCredentials[0].key).toBe(
      first.der,
    );

    const second = await selfSignedCertificate("CN=next");
    const keyCredential = { type: "AsymmetricX509Cert", usage: "Verify", key: second.der };
    const proof = await proofToken(first.privateKey, app.id, new Date());
    const added = await g.post(`/applications/${app.id}/addKey`, {
      keyCredential,
      passwordCredential: null,
      proof,
    });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ type: "AsymmetricX509Cert", usage: "Verify", key: null });
    const other = await selfSignedCertificate("CN=other");
    const refused = await g.post(`/applications/${app.id}/addKey`, {
      keyCredential: { ...keyCredential, key: other.der },
      proof: await proofToken(other.privateKey, app.id, new Date()),
    });
    expect(refused.status).toBe(400);
    const tooLong = await g.post(`/applications/${app.id}/addKey`, {
      keyCredential,
      proof: await proofToken(first.privateKey, app.id, new Date(), 3600),
    });
    expect(tooLong.status).toBe(400);
    const firstKeyId = hidden.body.keyCredentials[0].keyId;
    const removeProof = await proofToken(second.privateKey, app.id, new Date());
    const removed = await g.post(`/applications/${app.id}/removeKey`, {
      keyId: firstKeyId,
      proof: removeProof,
    });
    expect(removed.status).toBe(204);
    const keys = (await g.get(`/applications/${app.id}?$select=keyCredentials`)).body.keyCredentials;
    expect(keys.map((k: { key: string }) => k.key)).toEqual([second.der]);
    expect(
      (await g.post(`/applications/${app.id}/removeKey`, { keyId: firstKeyId, proof: removeProof })).status,
    ).toBe(400);
  });

  it("adds an X509CertAndPassword signing key with its password (addKey example 2), keeping only the certificate", async () => {
    const first = await selfSignedCertificate();
    const { body: app } = await g.post("/applications", { displayName: "saml" });
    await g.patch(`/applications/${app.id}`, {
      keyCredentials: [{ type: "AsymmetricX509Cert", usage: "Verify", key: first.der }],
    });
    const { pfx, der } = await pkcs12File("pfx-Pa55word");
    const body = (password: string) => ({
      keyCredential: { type: "X509CertAndPassword", usage: "Sign", key: pfx },
      passwordCredential: { secretText: password },
    });
    const wrong = await g.post(`/applications/${app.id}/addKey`, {
      ...body("not the password"),
      proof: await proofToken(first.privateKey, app.id, new Date()),
    });
    expect(wrong.status).toBe(400);
    const added = await g.post(`/applications/${app.id}/addKey`, {
      ...body("pfx-Pa55word"),
      proof: await proofToken(first.privateKey, app.id, new Date()),
    });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ type: "X509CertAndPassword", usage: "Sign", key: null });
    expect(added.body.endDateTime).toBe("2028-01-01T00:00:00Z");
    const keys = (await g.get(`/applications/${app.id}?$select=keyCredentials`)).body.keyCredentials;
    expect(keys.map((k: { key: string }) => k.key)).toEqual([first.der, der]);
    expect(JSON.stringify(fx.tenant.collection("applications").get(app.id))).not.toContain("pfx-Pa55word");
  });

  it("refuses a key that is not a certificate", async () => {
    const { body: app } = await g.post("/applications", { displayName: "shop" });
    const r = await g.patch(`/applications/${app.id}`, {
      keyCredentials: [{ type: "AsymmetricX509Cert", usage: "Verify", key: "AAAA" }],
    });
    expect(r.status).toBe(400);
  });

  it("lets Application.ReadWrite.OwnedBy change only the apps the caller created", async () => {
    const { body: theirs } = await g.post("/applications", { displayName: "theirs" });
    const owner = await fx.as(["Application.ReadWrite.OwnedBy"]);
    const { body: mine } = await owner.post("/applications", { displayName: "mine" });
    expect((await owner.patch(`/applications/${mine.id}`, { description: "ok" })).status).toBe(204);
    expect((await owner.patch(`/applications/${theirs.id}`, { description: "no" })).status).toBe(403);
  });
});

describe("service principals and app role assignments", () => {
  it("finds Graph's service principal by appId, with its app roles", async () => {
    const r = await g.get(`/servicePrincipals(appId='${GRAPH_APP_ID}')?$select=id,appRoles`);
    expect(r.body.appRoles).toContainEqual(
      expect.objectContaining({ value: "User.ReadWrite.All", id: GRAPH_APP_ROLES["User.ReadWrite.All"] }),
    );
    const f = await g.get(`/servicePrincipals?$filter=appId eq '${GRAPH_APP_ID}'&$select=displayName`);
    expect(f.body.value).toEqual([{ displayName: "Microsoft Graph" }]);
  });

  it("refuses a second service principal for an app with 409 Request_MultipleObjectsWithSameKeyValue", async () => {
    const { body: app } = await g.post("/applications", { displayName: "shop" });
    await g.post("/servicePrincipals", { appId: app.appId });
    const again = await g.post("/servicePrincipals", { appId: app.appId });
    expect(again).toMatchObject({ status: 409, error: { code: "Request_MultipleObjectsWithSameKeyValue" } });
    expect(
      (await g.post("/servicePrincipals", { appId: "68be84bf-0000-4000-8000-000000000000" })).status,
    ).toBe(400);
  });

  it("grants an application permission, lists it from both sides, refuses a duplicate and revokes it", async () => {
    const { body: app } = await g.post("/applications", { displayName: "shop" });
    const { body: sp } = await g.post("/servicePrincipals", { appId: app.appId });
    const graph = (await g.get(`/servicePrincipals(appId='${GRAPH_APP_ID}')`)).body;
    const grant = { principalId: sp.id, resourceId: graph.id, appRoleId: GRAPH_APP_ROLES["User.Read.All"] };
    const r = await g.post(`/servicePrincipals/${graph.id}/appRoleAssignedTo`, grant);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      principalType: "ServicePrincipal",
      principalDisplayName: "shop",
      resourceDisplayName: "Microsoft Graph",
    });
    expect(
      (await g.get(`/servicePrincipals/${graph.id}/appRoleAssignedTo`)).body.value.map(
        (a: { id: string }) => a.id,
      ),
    ).toContain(r.body.id);
    expect((await g.get(`/servicePrincipals/${sp.id}/appRoleAssignments`)).body.value).toHaveLength(1);
    const dup = await g.post(`/servicePrincipals/${graph.id}/appRoleAssignedTo`, grant);
    expect(dup.error?.message).toBe("Permission entry already exists.");
    const unknownRole = await g.post(`/servicePrincipals/${graph.id}/appRoleAssignedTo`, {
      ...grant,
      appRoleId: "68be84bf-0000-4000-8000-000000000000",
    });
    expect(unknownRole.status).toBe(400);
    expect((await g.del(`/servicePrincipals/${graph.id}/appRoleAssignedTo/${r.body.id}`)).status).toBe(204);
    expect((await g.get(`/servicePrincipals/${sp.id}/appRoleAssignments`)).body.value).toHaveLength(0);
  });

  it("needs a permission to read applications beside AppRoleAssignment.ReadWrite.All", async () => {
    const narrow = await fx.as(["AppRoleAssignment.ReadWrite.All"]);
    const graph = (await g.get(`/servicePrincipals(appId='${GRAPH_APP_ID}')`)).body;
    const r = await narrow.post(`/servicePrincipals/${graph.id}/appRoleAssignedTo`, {
      principalId: graph.id,
      resourceId: graph.id,
      appRoleId: GRAPH_APP_ROLES["User.Read.All"],
    });
    expect(r.status).toBe(403);
  });
});

describe("grants in tokens", () => {
  it("a new grant shows in the app's next token, and a revoked one is gone from the one after", async () => {
    const { body: app } = await g.post("/applications", { displayName: "shop" });
    const { body: sp } = await g.post("/servicePrincipals", { appId: app.appId });
    const secret = (await g.post(`/applications/${app.id}/addPassword`, {})).body.secretText as string;
    const graph = (await g.get(`/servicePrincipals(appId='${GRAPH_APP_ID}')?$select=id`)).body;
    const roles = async (): Promise<unknown> => {
      // A fresh MSAL client each time: MSAL caches app tokens, and grants only reach new tokens.
      const cca = new ConfidentialClientApplication({
        auth: {
          clientId: app.appId,
          clientSecret: secret,
          authority: fx.t.tenant.authority,
          knownAuthorities: fx.t.tenant.knownAuthorities,
        },
        system: { networkClient: msalNetworkClient(fx.t.emu.caCertPem) },
      });
      const r = await cca.acquireTokenByClientCredential({
        scopes: ["https://graph.microsoft.com/.default"],
      });
      return claimsOf(r?.accessToken ?? "").roles;
    };
    const grant = await g.post(`/servicePrincipals/${graph.id}/appRoleAssignedTo`, {
      principalId: sp.id,
      resourceId: graph.id,
      appRoleId: GRAPH_APP_ROLES["User.Read.All"],
    });
    expect(await roles()).toEqual(["User.Read.All"]);
    await g.del(`/servicePrincipals/${graph.id}/appRoleAssignedTo/${grant.body.id}`);
    expect(await roles()).toBeUndefined();
  });
});
