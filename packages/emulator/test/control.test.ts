import { describe, expect, test } from "vitest";
import { startTestEmulator, useTestEmulator } from "./helpers/emulator.ts";
import { testRoutes } from "./helpers/routes.ts";

const t = useTestEmulator({ routes: testRoutes, throttling: false });

const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;

async function createUser(name: string) {
  const token = await t.graphToken();
  return t.fetch(`${t.emu.graphUrl}/v1.0/users`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ displayName: name }),
  });
}

describe("access", () => {
  test.each([
    ["no key", {}],
    ["a wrong key", { "x-emulator-key": "wrong" }],
    ["a Graph token instead of the key", { authorization: "Bearer " }],
  ])("%s → 401", async (_name, headers) => {
    const h: Record<string, string> = { ...headers };
    if (h.authorization !== undefined) h.authorization += await t.graphToken();
    const res = await t.fetch(`${t.emu.controlUrl}/counters`, { headers: h });
    expect(res.status).toBe(401);
  });

  test("an unknown operation → 404, bad JSON → 400", async () => {
    expect((await t.control("GET", "/nothing")).status).toBe(404);
    const res = await t.fetch(`${t.emu.controlUrl}/reset`, {
      method: "POST",
      headers: { "x-emulator-key": t.emu.controlKey },
      body: "{",
    });
    expect(res.status).toBe(400);
  });
});

describe("state", () => {
  test("snapshot and restore round-trip; a snapshot of another version changes nothing", async () => {
    const snapshot = await json<{ format: string; version: number; tenants: unknown[] }>(
      t.control("GET", "/snapshot"),
    );
    expect(snapshot).toMatchObject({ format: "ciamkit-emulator-snapshot", version: 1 });
    const users = () => t.emu.store.tenant(t.tenant.tenantId)?.collection("users").size;
    const before = users();
    expect((await createUser("after the snapshot")).status).toBe(201);
    expect(users()).toBe((before ?? 0) + 1);
    const wrong = await t.control("POST", "/restore", { ...snapshot, version: 99 });
    expect(wrong.status).toBe(400);
    expect(users()).toBe((before ?? 0) + 1);
    expect((await t.control("POST", "/restore", snapshot)).status).toBe(200);
    expect(users()).toBe(before);
    // Tokens still work after a restore: the demo tenant and its app are the same.
    expect((await createUser("after the restore")).status).toBe(201);
  });

  test("reset re-seeds the same demo tenant; empty reset leaves none; seeding twice conflicts", async () => {
    const first = t.emu.tenants[0];
    await createUser("to be reset");
    expect((await t.control("POST", "/reset", {})).status).toBe(200);
    expect(t.emu.tenants[0]).toMatchObject({
      tenantId: first?.tenantId,
      clientId: first?.clientId,
      clientSecret: first?.clientSecret,
    });
    expect(t.emu.store.tenant(t.tenant.tenantId)?.collection("users").size).toBe(4);
    expect((await t.control("POST", "/reset", { empty: true })).status).toBe(200);
    expect([...t.emu.store.tenants()]).toHaveLength(0);
    expect((await t.control("POST", "/seed", {})).status).toBe(201);
    expect((await t.control("POST", "/seed", {})).status).toBe(409);
    expect((await t.control("POST", "/reset", { seed: "x" })).status).toBe(400);
  });

  test("bulk users are added to a tenant", async () => {
    const res = await json<{ created: number }>(t.control("POST", "/seed", { tenant: "contoso", users: 25 }));
    expect(res.created).toBe(25);
    expect((await t.control("POST", "/seed", { tenant: "fabrikam", users: 1 })).status).toBe(404);
    await t.control("POST", "/reset", {});
  });
});

describe("observability", () => {
  test("counters and the request log see every request and keep no secrets", async () => {
    await t.control("DELETE", "/counters");
    const token = await t.graphToken();
    await t.fetch(`${t.emu.graphUrl}/v1.0/users?$select=id`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await t.fetch(`${t.emu.graphUrl}/v1.0/nowhere`, { headers: { authorization: `Bearer ${token}` } });
    const counters = await json<{
      requests: number;
      resourceUnits: number;
      byStatus: Record<string, number>;
      byService: Record<string, number>;
    }>(t.control("GET", "/counters"));
    expect(counters.byService).toMatchObject({ login: 2, graph: 2 });
    expect(counters.byStatus).toMatchObject({ "200": 3, "400": 1 });
    expect(counters.resourceUnits).toBe(1);
    const log = await t.control("GET", "/requests?limit=10");
    const text = await log.text();
    expect(text).not.toContain(t.tenant.clientSecret);
    expect(text).not.toContain(token);
    type Entry = { service: string; path: string; appId: string | null; tenantId: string | null };
    const entries = (JSON.parse(text) as { value: Entry[] }).value;
    expect(entries.at(-1)).toMatchObject({
      service: "graph",
      path: "/v1.0/nowhere",
      appId: t.tenant.clientId,
    });
    expect(entries.find((e) => e.path.endsWith("/oauth2/v2.0/token"))).toMatchObject({
      appId: t.tenant.clientId,
      tenantId: t.tenant.tenantId,
    });
  });

  test("the request log is a bounded ring", async () => {
    const small = await startTestEmulator({ routes: testRoutes, requestLogSize: 3 });
    try {
      for (let i = 0; i < 5; i++) await small.fetch(`${small.emu.graphUrl}/v1.0/users/${i}`);
      const log = await json<{ value: { path: string }[] }>(small.control("GET", "/requests"));
      expect(log.value.map((e) => e.path)).toEqual(["/v1.0/users/2", "/v1.0/users/3", "/v1.0/users/4"]);
      expect((await json<{ requests: number }>(small.control("GET", "/counters"))).requests).toBe(5);
    } finally {
      await small.emu.stop();
    }
  });

  test("pending device codes are listed without their device code", async () => {
    const res = await t.fetch(`${t.emu.loginUrl}/${t.tenant.tenantId}/oauth2/v2.0/devicecode`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        client_id: t.tenant.publicClientId,
        scope: "https://graph.microsoft.com/.default",
      }),
    });
    const issued = await json<{ user_code: string; device_code: string }>(res);
    const pending = await t.control("GET", "/device-codes");
    const text = await pending.text();
    expect(text).toContain(issued.user_code);
    expect(text).not.toContain(issued.device_code);
    const unknownUser = await t.control("POST", "/device-codes/approve", {
      userCode: issued.user_code,
      userPrincipalName: "nobody@contoso.onmicrosoft.com",
    });
    expect(unknownUser.status).toBe(404);
    const approved = await t.control("POST", "/device-codes/approve", {
      userCode: issued.user_code,
      userPrincipalName: "admin@contoso.onmicrosoft.com",
    });
    expect(approved.status).toBe(204);
  });
});
