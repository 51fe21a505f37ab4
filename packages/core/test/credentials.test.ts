import { randomUUID } from "node:crypto";
import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeJwt, importPKCS8, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { clientAssertionCredential, workloadIdentityCredential } from "../src/auth/client-assertion.ts";
import { clientCertificateCredential, loadCertificate } from "../src/auth/client-certificate.ts";
import { clientSecretCredential } from "../src/auth/client-secret.ts";
import type { DeviceCodePrompt } from "../src/auth/device-code.ts";
import { deviceCodeCredential } from "../src/auth/device-code.ts";
import { fromEnvironment } from "../src/auth/from-environment.ts";
import { AuthenticationError, ConnectionError } from "../src/http/errors.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";

const GRAPH = "https://graph.microsoft.com/.default";
const ARM = "https://management.azure.com/.default";

const { t } = useCoreEmulator({ emulator: { deviceCode: { intervalSeconds: 1 } } });

const common = () => ({ tenantId: t.tenant.tenantId, clientId: t.tenant.clientId, cloud: t.cloud });

function certificate() {
  const cert = t.tenant.certificate;
  if (cert === undefined) throw new Error("the demo tenant has no certificate");
  return cert;
}

/** A client assertion signed with the demo certificate, as a CI system's token broker would issue. */
async function signedAssertion(): Promise<string> {
  const cert = certificate();
  const key = await importPKCS8(cert.key, "PS256");
  return new SignJWT({ jti: randomUUID() })
    .setProtectedHeader({
      alg: "PS256",
      typ: "JWT",
      "x5t#S256": Buffer.from(cert.thumbprintSha256, "hex").toString("base64url"),
    })
    .setIssuer(t.tenant.clientId)
    .setSubject(t.tenant.clientId)
    .setAudience(`${t.tenant.authority}/oauth2/v2.0/token`)
    .setIssuedAt()
    .setNotBefore("0s")
    .setExpirationTime("10m")
    .sign(key);
}

function tokenPosts(): number {
  return t.emu.control.monitor.requests(1000).filter((r) => r.service === "login" && r.method === "POST")
    .length;
}

describe("credentials against the emulator over HTTPS, MSAL unmodified", () => {
  it("client secret: Graph and ARM tokens with the app's roles", async () => {
    const credential = clientSecretCredential({ ...common(), clientSecret: t.tenant.clientSecret });
    const graph = await credential.getToken(GRAPH);
    expect(decodeJwt(graph.token)).toMatchObject({
      aud: "https://graph.microsoft.com",
      tid: t.tenant.tenantId,
      appidacr: "1",
    });
    expect(decodeJwt(graph.token).roles).toContain("User.ReadWrite.All");
    expect(graph.expiresOnTimestamp).toBeGreaterThan(Date.now() + 10 * 60_000);
    const arm = await credential.getToken(ARM);
    expect(decodeJwt(arm.token).aud).toBe("https://management.azure.com/");
  });

  it("concurrent callers share one token request per scope", async () => {
    const credential = clientSecretCredential({ ...common(), clientSecret: t.tenant.clientSecret });
    const before = tokenPosts();
    const tokens = await Promise.all(Array.from({ length: 8 }, () => credential.getToken(GRAPH)));
    expect(new Set(tokens.map((x) => x.token)).size).toBe(1);
    expect(tokenPosts() - before).toBe(1);
    await credential.getToken(GRAPH);
    expect(tokenPosts() - before).toBe(1);
  });

  it("a wrong secret is an AuthenticationError with the AADSTS text and without the secret", async () => {
    const wrong = "wrong-Secret-Value-0123456789abcdefghij";
    const credential = clientSecretCredential({ ...common(), clientSecret: wrong });
    const error = await credential.getToken(GRAPH).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).message).toMatch(
      /^Sign-in failed \(invalid_client\): AADSTS7000215: Invalid client secret provided\. Correlation ID: [0-9a-f-]{36}\. Check the tenant /,
    );
    expect((error as AuthenticationError).service).toBe("login");
    expect(JSON.stringify(error)).not.toContain(wrong);
    expect(String((error as Error).message)).not.toContain(wrong);
  });

  it("certificate: SHA-256 thumbprint computed, token issued for the certificate (appidacr 2)", async () => {
    const cert = certificate();
    expect(
      loadCertificate({ ...common(), certificate: cert.cert, privateKey: cert.key }).thumbprintSha256,
    ).toBe(cert.thumbprintSha256.toLowerCase());
    const credential = clientCertificateCredential({
      ...common(),
      certificate: cert.cert,
      privateKey: cert.key,
    });
    expect(decodeJwt((await credential.getToken(GRAPH)).token)).toMatchObject({
      appidacr: "2",
      tid: t.tenant.tenantId,
    });
  });

  it("certificate from one PEM file (AZURE_CLIENT_CERTIFICATE_PATH) through fromEnvironment", async () => {
    const cert = certificate();
    const dir = mkdtempSync(join(tmpdir(), "ciamkit-cert-"));
    const path = join(dir, "app.pem");
    writeFileSync(path, `${cert.key}\n${cert.cert}\n`, { mode: 0o600 });
    const env = fromEnvironment({
      cloud: t.cloud,
      env: {
        AZURE_TENANT_ID: t.tenant.tenantId,
        AZURE_CLIENT_ID: t.tenant.clientId,
        AZURE_CLIENT_CERTIFICATE_PATH: path,
      },
    });
    expect(env.kind).toBe("certificate");
    expect(decodeJwt((await env.credential.getToken(GRAPH)).token).appidacr).toBe("2");
  });

  it("a key that does not match the certificate is refused before any request", () => {
    const other = t.emu.caCertPem;
    expect(() => loadCertificate({ ...common(), certificate: other, privateKey: certificate().key })).toThrow(
      /does not belong/,
    );
  });

  it("client assertion from a callback", async () => {
    let calls = 0;
    const credential = clientAssertionCredential({
      ...common(),
      getAssertion: () => {
        calls++;
        return signedAssertion();
      },
    });
    expect(decodeJwt((await credential.getToken(GRAPH)).token).appidacr).toBe("2");
    expect(calls).toBe(1);
  });

  it("federated token file: read, and re-read when the platform rotates it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ciamkit-fed-"));
    const file = join(dir, "token");
    writeFileSync(file, await signedAssertion());
    const credential = workloadIdentityCredential({ ...common(), tokenFilePath: file });
    const first = await credential.getToken(GRAPH);
    expect(decodeJwt(first.token).appidacr).toBe("2");
    // A new assertion (new jti) in the file: a forced refresh must use it, since the emulator
    // refuses a replayed jti (RFC 7523 §3).
    await new Promise((r) => setTimeout(r, 20));
    writeFileSync(file, `${await signedAssertion()}\n`);
    const second = await credential.getToken(GRAPH, { forceRefresh: true });
    expect(second.token).not.toBe(first.token);
  });

  it("federated token file: the same file twice is a replay the token service refuses", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ciamkit-fed-"));
    const file = join(dir, "token");
    writeFileSync(file, await signedAssertion());
    const credential = workloadIdentityCredential({ ...common(), tokenFilePath: file });
    await credential.getToken(GRAPH);
    await expect(credential.getToken(GRAPH, { forceRefresh: true })).rejects.toBeInstanceOf(
      AuthenticationError,
    );
  });

  it("an unreachable authority is a ConnectionError from the login service", async () => {
    const credential = clientSecretCredential({
      ...common(),
      clientSecret: "x",
      authority: { authority: "https://127.0.0.1:1/tenant", knownAuthorities: ["127.0.0.1:1"] },
    });
    const error = await credential.getToken(GRAPH).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).service).toBe("login");
  });
});

describe("device code with a token cache on disk", () => {
  it("signs in once after approval, caches with owner-only permissions, and signs in silently next run", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "ciamkit-dc-")), "cache-dir");
    const cachePath = join(dir, "msal-cache.json");
    const prompts: DeviceCodePrompt[] = [];
    const admin = t.tenant.adminUser;
    if (admin === undefined) throw new Error("the demo tenant has no admin");
    const make = () =>
      deviceCodeCredential({
        tenantId: t.tenant.tenantId,
        clientId: t.tenant.publicClientId,
        cloud: t.cloud,
        tokenCachePath: cachePath,
        onPrompt: (prompt) => {
          prompts.push(prompt);
          void t.control("POST", "/device-codes/approve", {
            userCode: prompt.userCode,
            userPrincipalName: admin.userPrincipalName,
          });
        },
      });
    const token = await make().getToken(GRAPH);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]?.verificationUri).toMatch(/^https:\/\//);
    expect(decodeJwt(token.token)).toMatchObject({ tid: t.tenant.tenantId, upn: admin.userPrincipalName });
    expect(statSync(cachePath).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);

    const again = await make().getToken(GRAPH);
    expect(prompts).toHaveLength(1);
    expect(again.token).toBe(token.token);
  }, 30_000);
});

describe("sign-in advice", () => {
  const ids = { tenantId: "contoso.onmicrosoft.com", clientId: "11111111-2222-3333-4444-555555555555" };
  it.each([
    [
      { kind: "environment" } as const,
      "certificate",
      "Check AZURE_TENANT_ID (contoso.onmicrosoft.com), AZURE_CLIENT_ID (11111111-2222-3333-4444-555555555555) and AZURE_CLIENT_CERTIFICATE_PATH.",
    ],
    [
      { kind: "profile", name: "prod" } as const,
      "client secret",
      "Check profile 'prod' (tenant contoso.onmicrosoft.com, app 11111111-2222-3333-4444-555555555555) and its client secret; `ciam login` replaces it.",
    ],
    [
      {
        kind: "arguments",
        tenant: "--tenant",
        clientId: "--client-id",
        credential: "--secret-stdin",
      } as const,
      "client secret",
      "Check --tenant (contoso.onmicrosoft.com), --client-id (11111111-2222-3333-4444-555555555555) and the client secret (--secret-stdin).",
    ],
    [
      undefined,
      "federated credential",
      "Check the tenant (contoso.onmicrosoft.com), app 11111111-2222-3333-4444-555555555555 and its federated credential.",
    ],
  ] as const)("%j, %s", async (source, proof, expected) => {
    const { signInAdvice } = await import("../src/auth/sign-in-advice.ts");
    expect(signInAdvice(source, proof, ids)).toBe(expected);
  });

  it("names the variables when the credential came from the environment", async () => {
    const env = fromEnvironment({
      env: {
        AZURE_TENANT_ID: t.tenant.tenantId,
        AZURE_CLIENT_ID: t.tenant.clientId,
        AZURE_CLIENT_SECRET: "wrong-Secret-Value-0123456789abcdefghij",
      },
      cloud: t.cloud,
    });
    const error = await env.credential.getToken(GRAPH).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      / Check AZURE_TENANT_ID \(.+\), AZURE_CLIENT_ID \(.+\) and AZURE_CLIENT_SECRET\.$/,
    );
    await env.credential.close?.();
  });
});

describe("fromMsalError", () => {
  // MSAL's text for a token-service error, as @azure/msal-node 3 builds it from the response.
  const msalText =
    "Error(s): 7000215 - Timestamp: 2026-11-28 22:18:01Z - Description: AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app 'contoso.onmicrosoft.com'. Trace ID: dae41f61-9880-431b-be62-b418e99fca14 Correlation ID: d3523894-d2b8-444f-84e1-79c8897d373a Timestamp: 2026-11-28 22:18:01Z - Correlation ID: d3523894-d2b8-444f-84e1-79c8897d373a - Trace ID: dae41f61-9880-431b-be62-b418e99fca14";

  it("keeps the AADSTS code, its first sentence and one correlation id", async () => {
    const { fromMsalError } = await import("../src/auth/msal-errors.ts");
    const error = fromMsalError({ errorCode: "invalid_client", errorMessage: msalText }, "Check it.");
    expect(error.message).toBe(
      "Sign-in failed (invalid_client): AADSTS7000215: Invalid client secret provided. Correlation ID: d3523894-d2b8-444f-84e1-79c8897d373a. Check it.",
    );
    expect(error.clientRequestId).toBe("d3523894-d2b8-444f-84e1-79c8897d373a");
  });

  it("stops the first sentence at the trailer when it has no full stop", async () => {
    const { fromMsalError } = await import("../src/auth/msal-errors.ts");
    const error = fromMsalError(
      {
        errorCode: "invalid_request",
        errorMessage: "AADSTS90002: Tenant 'contoso.onmicrosoft.com' not found Trace ID: x",
      },
      "",
    );
    expect(error.message).toBe(
      "Sign-in failed (invalid_request): AADSTS90002: Tenant 'contoso.onmicrosoft.com' not found.",
    );
  });

  it.each([
    [
      {
        errorCode: "invalid_client",
        errorMessage: "AADSTS7000215: Invalid client secret. Trace ID: 4290429a-0000-4290-a429-000000000429",
      },
      "AuthenticationError",
    ],
    [{ errorCode: "temporarily_unavailable", errorMessage: "AADSTS50196: loop" }, "ThrottledError"],
    [{ errorCode: "network_error", errorMessage: "Network request failed" }, "ConnectionError"],
  ])("%j -> %s (codes decide, not digits in the text)", async (error, name) => {
    const { fromMsalError } = await import("../src/auth/msal-errors.ts");
    expect(fromMsalError(error, "").name).toBe(name);
  });
});

describe("{tenant}.ciamlogin.com authorities", () => {
  it("signs in through a ciamlogin.com authority (knownAuthorities), routed to the emulator", async () => {
    const { ciamAuthority } = await import("../src/auth/clouds.ts");
    const { createFetchTransport } = await import("../src/http/transport.ts");
    const authority = ciamAuthority(t.tenant.subdomain, t.tenant.tenantId);
    const transport = createFetchTransport({ ca: t.emu.caCertPem });
    const seen: string[] = [];
    // Stands in for DNS: ciamlogin.com requests go to the emulator's login origin.
    const routed: typeof fetch = (input, init) => {
      const url = String(input).replace(`https://${t.tenant.subdomain}.ciamlogin.com`, t.emu.loginUrl);
      seen.push(String(input));
      return transport.fetch(url, init);
    };
    const credential = clientSecretCredential({
      ...common(),
      clientSecret: t.tenant.clientSecret,
      authority: {
        authority: authority.authority,
        knownAuthorities: [...authority.knownAuthorities, ...t.tenant.knownAuthorities],
      },
      fetch: routed,
    });
    const token = await credential.getToken(GRAPH);
    expect(decodeJwt(token.token).tid).toBe(t.tenant.tenantId);
    expect(
      seen.some((u) => u.startsWith(`https://${t.tenant.subdomain}.ciamlogin.com/${t.tenant.tenantId}/`)),
    ).toBe(true);
    await transport.close();
  });
});
