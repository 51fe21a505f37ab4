import { afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { FaultInjector, globToRegExp } from "../src/policy/faults.ts";
import { useTestEmulator } from "./helpers/emulator.ts";
import { testRoutes } from "./helpers/routes.ts";

const t = useTestEmulator({ routes: testRoutes, throttling: false });
let token: string;
beforeAll(async () => {
  token = await t.graphToken();
});
afterEach(async () => {
  vi.useRealTimers();
  await t.control("DELETE", "/faults");
});

const users = () => t.emu.store.tenant(t.tenant.tenantId)?.collection("users");

function call(method: string, path: string, fault?: string, body?: unknown) {
  return t.fetch(`${t.emu.graphUrl}/v1.0${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      ...(fault === undefined ? {} : { "x-ciam-emulator-fault": fault }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe("error faults", () => {
  test.each([
    ["500", 500, "InternalServerError"],
    ["503", 503, "serviceNotAvailable"],
    ["504", 504, "GatewayTimeout"],
  ])("header %s → %i with Graph's envelope, and the route does not run", async (fault, status, code) => {
    const before = users()?.size;
    const res = await call("POST", "/users", fault, { displayName: "never" });
    expect(res.status).toBe(status);
    expect(res.headers.get("request-id")).not.toBeNull();
    expect(await res.json()).toMatchObject({
      error: { code, innerError: { "request-id": res.headers.get("request-id") } },
    });
    expect(users()?.size).toBe(before);
  });

  test("a rule by method and path glob fails exactly the matching requests, `times` times", async () => {
    const put = await t.control("PUT", "/faults", {
      rules: [{ method: "POST", path: "/users", fault: { kind: "error", status: 503 }, times: 2 }],
    });
    expect(put.status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await call("POST", "/users", undefined, { displayName: `r${i}` })).status);
    expect(statuses).toEqual([503, 503, 201]);
    expect((await call("GET", "/users?$select=id")).status).toBe(200);
  });

  test("an unknown fault in the header is a 400, and bad rules are refused by the control API", async () => {
    const res = await call("GET", "/users", "explode");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("explode");
    const bad = await t.control("PUT", "/faults", {
      rules: [{ path: "/users", fault: { kind: "error", status: 418 } }],
    });
    expect(bad.status).toBe(400);
  });
});

describe("connection faults", () => {
  test("drop: the socket is destroyed before the route runs", async () => {
    const before = users()?.size;
    await expect(call("POST", "/users", "drop", { displayName: "lost" })).rejects.toThrow();
    expect(users()?.size).toBe(before);
  });

  test("drop-after: the write happens, the answer is lost", async () => {
    const before = users()?.size ?? 0;
    await expect(call("POST", "/users", "drop-after", { displayName: "written" })).rejects.toThrow();
    expect(users()?.size).toBe(before + 1);
  });

  test("latency delays the answer and is recorded in the request log", async () => {
    const res = await call("GET", "/users?$select=id", "latency=30");
    expect(res.status).toBe(200);
    const log = (await (await t.control("GET", "/requests?limit=1")).json()) as {
      value: { faults: string[]; status: number }[];
    };
    expect(log.value[0]).toMatchObject({ faults: ["latency=30"], status: 200 });
  });
});

describe("replication lag", () => {
  test("a new object reads 404 until the lag has passed", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const created = await call("POST", "/users", "replication-lag=5000", { displayName: "lagging" });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const early = await call("GET", `/users/${id}`);
    expect(early.status).toBe(404);
    expect(await early.json()).toMatchObject({ error: { code: "Request_ResourceNotFound" } });
    vi.setSystemTime(Date.now() + 5001);
    expect((await call("GET", `/users/${id}`)).status).toBe(200);
  });
});

describe("determinism", () => {
  test("the same seed fails the same requests", () => {
    const pattern = (seed: number) => {
      const faults = new FaultInjector({
        seed,
        rules: [{ path: "/users/*", fault: { kind: "error", status: 500 }, probability: 0.3 }],
      });
      return Array.from({ length: 50 }, () => faults.plan("GET", "/users/x", undefined).error ?? 0);
    };
    expect(pattern(7)).toEqual(pattern(7));
    expect(pattern(7)).not.toEqual(pattern(8));
    const failures = pattern(7).filter((s) => s === 500).length;
    expect(failures).toBeGreaterThan(5);
    expect(failures).toBeLessThan(30);
  });

  test("one rule's draws do not depend on another rule's traffic", () => {
    const rules = [
      { path: "/users", fault: { kind: "error" as const, status: 503 as const }, probability: 0.5 },
      { path: "/groups", fault: { kind: "error" as const, status: 503 as const }, probability: 0.5 },
    ];
    const alone = new FaultInjector({ seed: 3, rules });
    const mixed = new FaultInjector({ seed: 3, rules });
    const a = Array.from({ length: 20 }, () => alone.plan("GET", "/users", undefined).error);
    const b = Array.from({ length: 20 }, () => {
      mixed.plan("GET", "/groups", undefined);
      return mixed.plan("GET", "/users", undefined).error;
    });
    expect(b).toEqual(a);
  });

  test.each([
    ["/users", "/users", true],
    ["/users", "/Users/", true],
    ["/users", "/users/1", false],
    ["/users/*", "/users/1", true],
    ["/users/*", "/users/1/memberOf", false],
    ["/groups/**", "/groups/1/members/$ref", true],
    ["/$batch", "/$batch", true],
  ])("glob %s matches %s: %s", (glob, path, matches) => {
    expect(globToRegExp(glob).test(path)).toBe(matches);
  });
});
