import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  chinaCloud,
  ciamAuthority,
  customCloud,
  globalCloud,
  tenantAuthority,
  usGovernmentCloud,
} from "../src/auth/clouds.ts";
import { CredentialConfigurationError, fromEnvironment } from "../src/auth/from-environment.ts";

const TENANT = "11111111-1111-1111-1111-111111111111";
const CLIENT = "22222222-2222-2222-2222-222222222222";

describe("fromEnvironment", () => {
  it.each([
    ["nothing set", {}, /AZURE_TENANT_ID and AZURE_CLIENT_ID are not set/],
    ["no client id", { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_SECRET: "s" }, /^AZURE_CLIENT_ID is not set/],
    [
      "blank tenant",
      { AZURE_TENANT_ID: "  ", AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_SECRET: "s" },
      /^AZURE_TENANT_ID is not set/,
    ],
    [
      "no credential",
      { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT },
      /set one of AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE/,
    ],
    [
      "secret and certificate",
      {
        AZURE_TENANT_ID: TENANT,
        AZURE_CLIENT_ID: CLIENT,
        AZURE_CLIENT_SECRET: "s",
        AZURE_CLIENT_CERTIFICATE_PATH: "/c.pem",
      },
      /AZURE_CLIENT_SECRET and AZURE_CLIENT_CERTIFICATE_PATH are both set/,
    ],
    [
      "secret and federated token",
      {
        AZURE_TENANT_ID: TENANT,
        AZURE_CLIENT_ID: CLIENT,
        AZURE_CLIENT_SECRET: "s",
        AZURE_FEDERATED_TOKEN_FILE: "/t",
      },
      /AZURE_CLIENT_SECRET and AZURE_FEDERATED_TOKEN_FILE are both set/,
    ],
    [
      "password without certificate",
      {
        AZURE_TENANT_ID: TENANT,
        AZURE_CLIENT_ID: CLIENT,
        AZURE_CLIENT_SECRET: "s",
        AZURE_CLIENT_CERTIFICATE_PASSWORD: "p",
      },
      /AZURE_CLIENT_CERTIFICATE_PASSWORD is set without AZURE_CLIENT_CERTIFICATE_PATH/,
    ],
    [
      "http authority host",
      {
        AZURE_TENANT_ID: TENANT,
        AZURE_CLIENT_ID: CLIENT,
        AZURE_CLIENT_SECRET: "s",
        AZURE_AUTHORITY_HOST: "http://127.0.0.1:1",
      },
      /AZURE_AUTHORITY_HOST must be an https URL/,
    ],
    [
      "unknown authority host without a cloud",
      {
        AZURE_TENANT_ID: TENANT,
        AZURE_CLIENT_ID: CLIENT,
        AZURE_CLIENT_SECRET: "s",
        AZURE_AUTHORITY_HOST: "https://login.example",
      },
      /not a Microsoft cloud/,
    ],
    [
      "client id not a GUID",
      { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: "my-app", AZURE_CLIENT_SECRET: "s" },
      /Cannot build a credential from AZURE_CLIENT_SECRET.*clientId must be an application \(client\) id GUID/,
    ],
    [
      "unreadable certificate file",
      {
        AZURE_TENANT_ID: TENANT,
        AZURE_CLIENT_ID: CLIENT,
        AZURE_CLIENT_CERTIFICATE_PATH: "/nonexistent/cert.pem",
      },
      /AZURE_CLIENT_CERTIFICATE_PATH/,
    ],
    [
      "missing PFX certificate",
      { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_CERTIFICATE_PATH: "/x/cert.pfx" },
      /AZURE_CLIENT_CERTIFICATE_PATH.*\/x\/cert\.pfx cannot be read \(ENOENT\)/,
    ],
  ])("%s", (_name, env, message) => {
    let thrown: unknown;
    try {
      fromEnvironment({ env });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CredentialConfigurationError);
    expect((thrown as Error).message).toMatch(message);
  });

  it("never puts the secret into its errors", () => {
    expect(() =>
      fromEnvironment({
        env: { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: "bad", AZURE_CLIENT_SECRET: "SUPER-SECRET-VALUE" },
      }),
    ).toThrow(expect.objectContaining({ message: expect.not.stringContaining("SUPER-SECRET-VALUE") }));
  });

  it("builds a secret credential in the global cloud", () => {
    const result = fromEnvironment({
      env: { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_SECRET: "s" },
    });
    expect(result).toMatchObject({ kind: "secret", tenantId: TENANT, clientId: CLIENT, cloud: globalCloud });
    expect(typeof result.credential.getToken).toBe("function");
  });

  it("builds a federated credential and picks the cloud from AZURE_AUTHORITY_HOST", () => {
    const dir = mkdtempSync(join(tmpdir(), "ciamkit-env-"));
    const file = join(dir, "token");
    writeFileSync(file, "eyJ.fake.jwt");
    const result = fromEnvironment({
      env: {
        AZURE_TENANT_ID: TENANT,
        AZURE_CLIENT_ID: CLIENT,
        AZURE_FEDERATED_TOKEN_FILE: file,
        AZURE_AUTHORITY_HOST: "https://login.microsoftonline.us/",
      },
    });
    expect(result.kind).toBe("federated");
    expect(result.cloud).toBe(usGovernmentCloud);
  });

  it("keeps a custom cloud's endpoints when AZURE_AUTHORITY_HOST points at it", () => {
    const cloud = customCloud({
      authorityHost: "https://127.0.0.1:1",
      graphEndpoint: "https://127.0.0.1:2",
      armEndpoint: "https://127.0.0.1:3",
    });
    const result = fromEnvironment({
      cloud,
      env: {
        AZURE_TENANT_ID: TENANT,
        AZURE_CLIENT_ID: CLIENT,
        AZURE_CLIENT_SECRET: "s",
        AZURE_AUTHORITY_HOST: "https://127.0.0.1:9",
      },
    });
    expect(result.cloud).toMatchObject({
      authorityHost: "https://127.0.0.1:9",
      graphEndpoint: "https://127.0.0.1:2",
    });
  });
});

describe("clouds", () => {
  it.each([
    [
      globalCloud,
      "https://login.microsoftonline.com",
      "https://graph.microsoft.com/.default",
      "https://management.azure.com/.default",
    ],
    [
      usGovernmentCloud,
      "https://login.microsoftonline.us",
      "https://graph.microsoft.us/.default",
      "https://management.usgovcloudapi.net/.default",
    ],
    [
      chinaCloud,
      "https://login.chinacloudapi.cn",
      "https://microsoftgraph.chinacloudapi.cn/.default",
      "https://management.chinacloudapi.cn/.default",
    ],
  ])("%o has its authority and scopes", (cloud, authority, graphScope, armScope) => {
    expect([cloud.authorityHost, cloud.graphScope, cloud.armScope]).toEqual([
      authority,
      graphScope,
      armScope,
    ]);
  });
  it("a custom cloud keeps Graph's global scope and trusts its own authority host", () => {
    const cloud = customCloud({
      authorityHost: "https://127.0.0.1:8443/",
      graphEndpoint: "https://127.0.0.1:8443",
      armEndpoint: "https://127.0.0.1:8443",
    });
    expect(cloud.graphScope).toBe("https://graph.microsoft.com/.default");
    expect(tenantAuthority(cloud, "contoso.onmicrosoft.com")).toEqual({
      authority: "https://127.0.0.1:8443/contoso.onmicrosoft.com",
      knownAuthorities: ["127.0.0.1:8443"],
    });
  });
  it("rejects http endpoints and odd tenants", () => {
    expect(() =>
      customCloud({ authorityHost: "http://x", graphEndpoint: "https://g", armEndpoint: "https://a" }),
    ).toThrow(/authorityHost must be an https URL/);
    expect(() => tenantAuthority(globalCloud, "../common")).toThrow(/tenant/);
  });
  it("builds ciamlogin.com authorities with knownAuthorities", () => {
    expect(ciamAuthority("contoso")).toEqual({
      authority: "https://contoso.ciamlogin.com/contoso.onmicrosoft.com",
      knownAuthorities: ["contoso.ciamlogin.com"],
    });
    expect(() => ciamAuthority("evil.com/x")).toThrow();
  });
});
