import { createPrivateKey, randomUUID, sign } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import forge from "node-forge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ciam, emulatorFlags, json, requireBuilt, startTenant, type TestTenant } from "./harness.ts";

let t: TestTenant;
let cfg: Record<string, string>;
beforeAll(async () => {
  requireBuilt();
  t = await startTenant({ deviceCode: { intervalSeconds: 1 } });
  cfg = t.bare;
});
afterAll(async () => t?.close());

const profilesFile = () => join(cfg.CIAM_CONFIG_DIR ?? "", "profiles.json");

/** `ciam login` flags for the emulator's tenant, as a custom cloud with its CA. */
function loginArgs(profileName: string, clientId = t.env.AZURE_CLIENT_ID ?? ""): string[] {
  return [
    "login",
    "--tenant",
    t.env.AZURE_TENANT_ID ?? "",
    "--client-id",
    clientId,
    "--profile",
    profileName,
    ...emulatorFlags(t),
  ];
}

/** A workload-identity style assertion for the demo management app, signed with its registered certificate. */
function federatedToken(): string {
  const tenant = t.emulator.tenants[0];
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const header = b64({
    alg: "RS256",
    typ: "JWT",
    "x5t#S256": Buffer.from(tenant?.certificate?.thumbprintSha256 ?? "", "hex").toString("base64url"),
  });
  const claims = b64({
    iss: tenant?.clientId,
    sub: tenant?.clientId,
    aud: `${t.emulator.loginUrl}/${tenant?.tenantId}/oauth2/v2.0/token`,
    jti: randomUUID(),
    nbf: now,
    exp: now + 600,
  });
  const signature = sign("sha256", Buffer.from(`${header}.${claims}`), tenant?.certificate?.key ?? "");
  return `${header}.${claims}.${signature.toString("base64url")}`;
}

describe("ciam login and profiles", () => {
  it("signs in with a secret from stdin and stores a profile without the secret, owner-only", async () => {
    const secret = t.env.AZURE_CLIENT_SECRET ?? "";
    const run = await ciam([...loginArgs("app"), "--secret-stdin"], cfg, secret);
    expect(run.stderr).toMatch(/Signed in to .* profile 'app' saved in .* and made current/);
    expect(run.status).toBe(0);
    expect(statSync(cfg.CIAM_CONFIG_DIR ?? "").mode & 0o777).toBe(0o700);
    expect(statSync(profilesFile()).mode & 0o777).toBe(0o600);
    const text = readFileSync(profilesFile(), "utf8");
    expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toMatchObject({
      current: "app",
      profiles: [{ name: "app", credential: { kind: "secret" } }],
    });
  });

  it("needs AZURE_CLIENT_SECRET to use a profile without a stored secret", async () => {
    const without = await ciam(["organization", "get"], cfg);
    expect(without.status).toBe(2);
    expect(without.stderr).toMatch(/stores no client secret: set AZURE_CLIENT_SECRET/);
    const run = await ciam(["organization", "get", "-o", "json"], {
      ...cfg,
      AZURE_CLIENT_SECRET: t.env.AZURE_CLIENT_SECRET ?? "",
    });
    expect(run.status).toBe(0);
  });

  it("stores the secret only with --save-secret, then runs commands with the profile alone", async () => {
    const secret = t.env.AZURE_CLIENT_SECRET ?? "";
    expect((await ciam([...loginArgs("saved"), "--secret-stdin", "--save-secret"], cfg, secret)).status).toBe(
      0,
    );
    expect(statSync(profilesFile()).mode & 0o777).toBe(0o600);
    expect(readFileSync(profilesFile(), "utf8")).toContain(secret);
    const run = await ciam(["user", "list", "--limit", "1", "-o", "json"], cfg);
    expect(run.status).toBe(0);
    const shown = await ciam(["profile", "show", "-o", "json"], cfg);
    expect(json(shown)).toMatchObject({
      name: "saved",
      current: true,
      credential: "secret",
      secretStored: true,
    });
    expect(shown.stdout).not.toContain(secret);
  });

  it("refuses a wrong secret and stores nothing", async () => {
    const before = readFileSync(profilesFile(), "utf8");
    const run = await ciam([...loginArgs("wrong"), "--secret-stdin"], cfg, "not-the-secret");
    expect(run.status).toBe(3);
    expect(run.stderr).not.toContain("not-the-secret");
    // The AADSTS code and its first sentence, one correlation id, and advice naming the flags given.
    expect(run.stderr).toMatch(
      /AADSTS7000215: Invalid client secret provided\. Correlation ID: [0-9a-f-]{36}\./,
    );
    expect(run.stderr.match(/Correlation ID/g)).toHaveLength(1);
    expect(run.stderr).not.toMatch(/Trace ID|Timestamp/);
    expect(run.stderr).toContain("Check --tenant");
    expect(run.stderr).toContain("--secret-stdin");
    expect(run.stderr).not.toContain("AZURE_TENANT_ID");
    expect(readFileSync(profilesFile(), "utf8")).toBe(before);
  });

  it("signs in with the device code flow once it is approved", async () => {
    const tenant = t.emulator.tenants[0];
    let approved = false;
    const run = await ciam([...loginArgs("admin", tenant?.publicClientId)], cfg, "", (stderr) => {
      const code = stderr.match(/enter the code (\S+)/i)?.[1];
      if (code !== undefined && !approved) {
        approved = true;
        t.emulator.control.approveDeviceCode(code, tenant?.adminUser?.userPrincipalName ?? "");
      }
    });
    expect(approved).toBe(true);
    expect(run.status).toBe(0);
    const shown = json<{ credential: string }>(await ciam(["profile", "show", "admin", "-o", "json"], cfg));
    expect(shown.credential).toBe("device-code");
    // The profile's own token cache, owner-only, so another device-code profile never shares it.
    const cache = join(cfg.CIAM_CONFIG_DIR ?? "", "token-cache", "admin.json");
    expect(statSync(cache).mode & 0o777).toBe(0o600);
    expect(readFileSync(cache, "utf8")).toContain('"RefreshToken"');
  });

  it("signs in with a certificate file and refers to it by path", async () => {
    const tenant = t.emulator.tenants[0];
    const pem = join(t.bare.HOME ?? "", "app.pem");
    writeFileSync(pem, `${tenant?.certificate?.key ?? ""}\n${tenant?.certificate?.cert ?? ""}\n`);
    const run = await ciam([...loginArgs("cert"), "--certificate", pem], cfg);
    expect(run.status).toBe(0);
    const shown = json(await ciam(["profile", "show", "cert", "-o", "json"], cfg));
    expect(shown).toMatchObject({ credential: "certificate", certificatePath: pem });
    expect(readFileSync(profilesFile(), "utf8")).not.toContain("PRIVATE KEY");
    const org = await ciam(["--profile", "cert", "organization", "get", "-o", "json"], cfg);
    expect(org.status).toBe(0);
  });

  it("signs in with a PKCS#12 file whose password comes from AZURE_CLIENT_CERTIFICATE_PASSWORD", async () => {
    const tenant = t.emulator.tenants[0];
    const password = "Cli-Pfx-Password-2718";
    const pfx = join(t.bare.HOME ?? "", "app.pfx");
    const key = forge.pki.privateKeyFromPem(
      createPrivateKey(tenant?.certificate?.key ?? "")
        .export({ type: "pkcs1", format: "pem" })
        .toString(),
    );
    const cert = forge.pki.certificateFromPem(tenant?.certificate?.cert ?? "");
    const der = forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key, [cert], password, { algorithm: "aes256" }));
    writeFileSync(pfx, Buffer.from(der.getBytes(), "binary"), { mode: 0o600 });

    const wrong = await ciam([...loginArgs("pfx"), "--certificate", pfx], {
      ...cfg,
      AZURE_CLIENT_CERTIFICATE_PASSWORD: "not-the-password-1414",
    });
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toMatch(/password \(AZURE_CLIENT_CERTIFICATE_PASSWORD\) is missing or wrong/);
    expect(wrong.stderr).not.toContain("not-the-password-1414");
    expect(readFileSync(profilesFile(), "utf8")).not.toContain('"pfx"');

    const withPassword = { ...cfg, AZURE_CLIENT_CERTIFICATE_PASSWORD: password };
    const run = await ciam([...loginArgs("pfx"), "--certificate", pfx], withPassword);
    expect(run.status).toBe(0);
    expect(readFileSync(profilesFile(), "utf8")).not.toContain(password);
    expect(json(await ciam(["profile", "show", "pfx", "-o", "json"], cfg))).toMatchObject({
      credential: "certificate",
      certificatePath: pfx,
    });
    const org = await ciam(["--profile", "pfx", "organization", "get", "-o", "json"], withPassword);
    expect(org.status).toBe(0);
  });

  it("signs in with a federated token file (a client assertion the platform would rotate)", async () => {
    const file = join(t.bare.HOME ?? "", "federated-token");
    writeFileSync(file, federatedToken());
    const run = await ciam([...loginArgs("federated"), "--federated-token-file", file], cfg);
    expect(run.status).toBe(0);
    expect(json(await ciam(["profile", "show", "federated", "-o", "json"], cfg))).toMatchObject({
      credential: "federated",
      tokenFilePath: file,
    });
    // The token service takes an assertion once: the platform writes a fresh one, ciam re-reads the file.
    writeFileSync(file, federatedToken());
    expect((await ciam(["--profile", "federated", "organization", "get"], cfg)).status).toBe(0);
  });

  it("lists, switches and removes profiles", async () => {
    const list = json<{ name: string; current: boolean }[]>(
      await ciam(["profile", "list", "-o", "json"], cfg),
    );
    expect(list.map((p) => p.name)).toEqual(["app", "saved", "admin", "cert", "pfx", "federated"]);
    expect(list.find((p) => p.current)?.name).toBe("federated");
    expect((await ciam(["profile", "use", "saved"], cfg)).status).toBe(0);
    expect((await ciam(["profile", "show", "-o", "json", "--query", "name"], cfg)).stdout.trim()).toBe(
      '"saved"',
    );
    expect((await ciam(["profile", "remove", "app"], cfg)).status).toBe(0);
    const missing = await ciam(["profile", "use", "app"], cfg);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/No profile named 'app'/);
  });

  it("lets --profile pick another profile for one command", async () => {
    const run = await ciam(["--profile", "nope", "organization", "get"], cfg);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/No profile named 'nope'/);
  });

  it("lets AZURE_* variables override the profile", async () => {
    const run = await ciam(["organization", "get"], {
      ...cfg,
      AZURE_TENANT_ID: t.env.AZURE_TENANT_ID ?? "",
      AZURE_CLIENT_ID: t.env.AZURE_CLIENT_ID ?? "",
      AZURE_CLIENT_SECRET: "overridden-and-wrong",
      AZURE_AUTHORITY_HOST: t.emulator.loginUrl,
    });
    // The stored secret would work: failing to sign in shows the variables won.
    expect(run.status).toBe(3);
    expect(run.stderr).toContain("Check AZURE_TENANT_ID");
    expect(run.stderr).toContain("AZURE_CLIENT_SECRET.");
  });
});
