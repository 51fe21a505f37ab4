import { afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { splitVersion } from "../src/graph/front-door.ts";
import { GRAPH_JSON } from "../src/graph/outcome.ts";
import { implying, isPermitted } from "../src/policy/permissions.ts";
import { demoAppArmToken } from "./helpers/arm.ts";
import { firstUserId, useTestEmulator } from "./helpers/emulator.ts";
import { testRoutes } from "./helpers/routes.ts";

const t = useTestEmulator({ routes: testRoutes, throttling: false });
let token: string;
let userId: string;
beforeAll(async () => {
  token = await t.graphToken();
  userId = firstUserId(t);
});
afterEach(() => {
  vi.useRealTimers();
});

function graph(path: string, init: RequestInit & { bearer?: string | null } = {}) {
  const { bearer = token, headers, ...rest } = init;
  return t.fetch(`${t.emu.graphUrl}${path}`, {
    ...rest,
    headers: {
      ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }),
      ...(headers as Record<string, string>),
    },
  });
}

describe("bearer validation", () => {
  test.each([
    ["no token", null, "Access token is empty."],
    ["not a JWT", "abc", "not in a valid JWS compact format"],
    ["a tampered signature", "tampered", "Signature validation failed"],
  ])("%s → 401 InvalidAuthenticationToken with a challenge", async (_name, bearer, message) => {
    const value = bearer === "tampered" ? `${token.slice(0, -4)}AAAA` : bearer;
    const res = await graph(`/v1.0/users/${userId}`, { bearer: value });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm=""/);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("InvalidAuthenticationToken");
    expect(body.error.message).toContain(message);
  });

  test("an ARM token is refused by Graph (audience)", async () => {
    const arm = await demoAppArmToken(t);
    const denied = await graph(`/v1.0/users/${userId}`, { bearer: arm });
    expect(denied.status).toBe(401);
    expect(((await denied.json()) as { error: { message: string } }).error.message).toContain(
      "Invalid audience",
    );
  });

  test("an expired token is refused", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 2 * 3600_000);
    const res = await graph(`/v1.0/users/${userId}`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("expired");
  });
});

describe("routing", () => {
  test.each([
    ["/v1.0/nothing/here", "nothing"],
    ["/v1.0/users/x/manager/y", "manager"],
    ["/v1.0/trustFramework/policies", "trustFramework"],
  ])("%s → 400 Request_BadRequest naming the segment", async (path, segment) => {
    const res = await graph(path);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: "Request_BadRequest", message: `Resource not found for the segment '${segment}'.` },
    });
  });

  test("a beta-only route answers on beta", async () => {
    expect((await graph("/beta/trustFramework/policies")).status).toBe(200);
  });

  test("a wrong method → 405 with Allow", async () => {
    const res = await graph(`/v1.0/users/${userId}`, { method: "DELETE" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET");
  });

  test("an unknown version → 400", async () => {
    expect((await graph(`/v2.0/users/${userId}`)).status).toBe(400);
  });

  test("paths compare case-insensitively", async () => {
    expect((await graph(`/v1.0/Users/${userId}`)).status).toBe(200);
  });
});

describe("responses", () => {
  test("carry Graph's headers and echo client-request-id", async () => {
    const res = await graph(`/v1.0/users/${userId}`, {
      headers: { "client-request-id": "c0ffee00-0000-4000-8000-000000000001" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(GRAPH_JSON);
    expect(res.headers.get("odata-version")).toBe("4.0");
    expect(res.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get("client-request-id")).toBe("c0ffee00-0000-4000-8000-000000000001");
    expect(res.headers.get("date")).not.toBeNull();
    expect(JSON.parse(res.headers.get("x-ms-ags-diagnostic") ?? "{}")).toHaveProperty("ServerInfo");
    expect(res.headers.get("x-ms-resource-unit")).toBe("1");
  });

  test("errors carry the ids in innerError", async () => {
    const res = await graph("/v1.0/users/00000000-0000-4000-8000-000000000000", {
      headers: { "client-request-id": "abc" },
    });
    const body = (await res.json()) as { error: { innerError: Record<string, string> } };
    expect(res.status).toBe(404);
    expect(body.error.innerError["request-id"]).toBe(res.headers.get("request-id"));
    expect(body.error.innerError["client-request-id"]).toBe("abc");
  });

  test("malformed JSON → 400 and nothing created", async () => {
    const users = t.emu.store.tenant(t.tenant.tenantId)?.collection("users");
    const before = users?.size;
    const res = await graph("/v1.0/users", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{nope",
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("BadRequest");
    expect(users?.size).toBe(before);
  });

  test("the RU cost follows the route and Graph's modifiers", async () => {
    const cost = async (q: string) => (await graph(`/v1.0/users${q}`)).headers.get("x-ms-resource-unit");
    expect(await cost("")).toBe("2");
    expect(await cost("?$select=id")).toBe("1");
    expect(await cost("?$expand=memberOf")).toBe("3");
    expect(await cost("?$top=5&$select=id")).toBe("1");
    const created = await graph("/v1.0/users", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ displayName: "priced" }),
    });
    expect(created.status).toBe(201);
    // A write costs 1, creating a customer account in an external tenant 4 more.
    expect(created.headers.get("x-ms-resource-unit")).toBe("5");
  });
});

describe("permissions", () => {
  test("a missing permission → 403 Authorization_RequestDenied", async () => {
    const res = await graph("/v1.0/directoryRoles");
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({
      error: {
        code: "Authorization_RequestDenied",
        message: "Insufficient privileges to complete the operation.",
      },
    });
  });

  test.each([
    [["User.Read.All"], ["User.Read.All"], false, true],
    [["User.Read.All"], ["User.ReadWrite.All"], false, true],
    [["User.ReadWrite.All"], ["User.Read.All"], false, false],
    [["User.Read.All"], ["Directory.Read.All"], true, true],
    [["User.Read.All"], ["Directory.Read.All"], false, false],
    [["User.ReadWrite.All"], ["Directory.Read.All"], true, false],
    [["User.ReadWrite.All"], ["Directory.ReadWrite.All"], true, true],
    [
      ["Policy.Read.All", "Policy.ReadWrite.TrustFramework"],
      ["Policy.ReadWrite.TrustFramework"],
      false,
      true,
    ],
    [["Group.ReadWrite.All"], ["group.readwrite.all"], false, true],
    [[], [], false, true],
    [["AuditLog.Read.All"], [], false, false],
  ] as const)("required %j, held %j, directory %s → %s", (required, held, directory, allowed) => {
    expect(isPermitted(required, held, directory)).toBe(allowed);
  });

  test("ReadWrite implies Read of the same family only", () => {
    expect(implying("User.Read.All", false)).toEqual(["User.Read.All", "User.ReadWrite.All"]);
  });
});

describe("splitVersion", () => {
  test.each([
    ["/v1.0/users?$top=1", "v1.0", "/users?$top=1"],
    ["/beta/$batch", "beta", "/$batch"],
    ["/v1.0", "v1.0", "/"],
    ["/v1.0?$filter=a/b", "v1.0", "/?$filter=a/b"],
    ["/", "", "/"],
  ])("%s → %s and %s", (url, version, target) => {
    expect(splitVersion(url)).toEqual({ version, target });
  });
});
