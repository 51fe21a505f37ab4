import { X509Certificate } from "node:crypto";
import { request as httpRequest } from "node:http";
import { describe, expect, test } from "vitest";
import { generateTls } from "../src/server/tls.ts";
import { demoAppArmToken } from "./helpers/arm.ts";
import { startTestEmulator, useTestEmulator } from "./helpers/emulator.ts";

const t = useTestEmulator({ routes: [] });

describe("listeners", () => {
  test("login, Graph and ARM have their own HTTPS origins on 127.0.0.1", () => {
    const origins = [t.emu.loginUrl, t.emu.graphUrl, t.emu.armUrl].map((u) => new URL(u));
    for (const o of origins) {
      expect(o.protocol).toBe("https:");
      expect(o.hostname).toBe("127.0.0.1");
    }
    expect(new Set(origins.map((o) => o.port)).size).toBe(3);
    expect(t.emu.controlUrl).toBe(`${t.emu.graphUrl}/_emulator`);
  });

  test("the leaf certificate names 127.0.0.1 and localhost and is signed by the exported CA", async () => {
    const tls = await generateTls();
    const leaf = new X509Certificate(tls.cert);
    const ca = new X509Certificate(tls.ca);
    expect(leaf.subjectAltName).toContain("IP Address:127.0.0.1");
    expect(leaf.subjectAltName).toContain("DNS:localhost");
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(ca.ca).toBe(true);
    expect(leaf.checkIP("127.0.0.1")).toBe("127.0.0.1");
  });

  test("a client that does not trust the CA is refused, one that does is served", async () => {
    await expect(fetch(`${t.emu.loginUrl}/${t.tenant.tenantId}/discovery/v2.0/keys`)).rejects.toThrow();
    expect((await t.fetch(`${t.emu.loginUrl}/${t.tenant.tenantId}/discovery/v2.0/keys`)).status).toBe(200);
  });

  test("plain HTTP gets no HTTP answer", async () => {
    const { port } = new URL(t.emu.graphUrl);
    const outcome = await new Promise<string>((resolve) => {
      const req = httpRequest({ host: "127.0.0.1", port, path: "/v1.0/users" }, (res) =>
        resolve(`status ${res.statusCode}`),
      );
      req.on("error", () => resolve("error"));
      req.end();
    });
    expect(outcome).not.toBe("status 200");
  });

  test("a port already in use fails the start cleanly", async () => {
    const { port } = new URL(t.emu.graphUrl);
    await expect(
      startTestEmulator({ routes: [], seed: false, ports: { graph: Number(port) } }),
    ).rejects.toThrow(/EADDRINUSE/);
  });

  test("given TLS material is served instead of a generated one", async () => {
    const tls = await generateTls();
    const given = await startTestEmulator({ routes: [], tls, seed: false });
    try {
      expect(given.emu.caCertPem).toBe(tls.ca);
      expect(given.emu.tenants).toEqual([]);
      const res = await given.fetch(`${given.emu.loginUrl}/nobody/discovery/v2.0/keys`);
      expect(res.status).toBe(400);
    } finally {
      await given.emu.stop();
    }
  });
});

describe("ARM origin", () => {
  const armToken = () => demoAppArmToken(t);
  const path =
    "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.AzureActiveDirectory/ciamDirectories";

  test.each([
    ["no token", async () => undefined, "", 401, "AuthenticationFailed"],
    [
      "a Graph token",
      () => t.graphToken(),
      "?api-version=2023-05-17-preview",
      401,
      "InvalidAuthenticationToken",
    ],
    ["no api-version", armToken, "", 400, "MissingApiVersionParameter"],
    [
      "a subscription the emulator does not hold",
      armToken,
      "?api-version=2023-05-17-preview",
      404,
      "SubscriptionNotFound",
    ],
  ])("%s → %i %s in ARM's error format", async (_name, token, query, status, code) => {
    const bearer = await token();
    const res = await t.fetch(`${t.emu.armUrl}${path}${query}`, {
      headers: bearer === undefined ? {} : { authorization: `Bearer ${bearer}` },
    });
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe("string");
    expect(res.headers.get("x-ms-request-id")).not.toBeNull();
  });
});
