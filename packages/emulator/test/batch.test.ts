import { BatchRequestContent, BatchResponseContent } from "@microsoft/microsoft-graph-client";
import { beforeAll, describe, expect, test } from "vitest";
import { firstUserId, startTestEmulator, useTestEmulator } from "./helpers/emulator.ts";
import { testRoutes } from "./helpers/routes.ts";

const t = useTestEmulator({ routes: testRoutes, throttling: false });
let token: string;
let userId: string;
beforeAll(async () => {
  token = await t.graphToken();
  userId = firstUserId(t);
});

interface ItemResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: { error?: { code: string }; id?: string; received?: unknown; path?: string };
}

async function batch(payload: unknown, version = "v1.0") {
  const res = await t.fetch(`${t.emu.graphUrl}/${version}/$batch`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(payload),
  });
  const body = (await res.json()) as {
    responses?: ItemResponse[];
    error?: { code: string; message: string };
  };
  const byId = new Map((body.responses ?? []).map((r) => [r.id, r]));
  return { status: res.status, body, byId };
}

const get = (id: string, url: string) => ({ id, method: "GET", url });

describe("validation: a malformed batch is a 400 and runs nothing", () => {
  const create = (id: string) => ({
    id,
    method: "POST",
    url: "/users",
    headers: { "content-type": "application/json" },
    body: { displayName: `batch ${id}` },
  });
  test.each([
    ["no requests array", {}],
    ["an empty batch", { requests: [] }],
    ["21 requests", { requests: Array.from({ length: 21 }, (_, i) => create(String(i))) }],
    ["ids equal but for case", { requests: [create("a"), create("A")] }],
    [
      "a body without headers",
      { requests: [{ id: "1", method: "POST", url: "/users", body: { displayName: "x" } }] },
    ],
    [
      "an absolute url",
      { requests: [{ id: "1", method: "GET", url: "https://graph.microsoft.com/v1.0/users" }, create("2")] },
    ],
    ["an unknown dependency", { requests: [{ ...create("1"), dependsOn: ["9"] }] }],
    [
      "a dependency cycle",
      {
        requests: [
          { ...create("1"), dependsOn: ["2"] },
          { ...create("2"), dependsOn: ["1"] },
        ],
      },
    ],
    ["a request without id", { requests: [{ method: "GET", url: "/users" }] }],
  ])("%s", async (_name, payload) => {
    const users = t.emu.store.tenant(t.tenant.tenantId)?.collection("users");
    const before = users?.size;
    const { status, body } = await batch(payload);
    expect(status).toBe(400);
    expect(body.error?.code).toBe("BadRequest");
    expect(users?.size).toBe(before);
  });

  test("20 requests are accepted", async () => {
    const { status, body } = await batch({
      requests: Array.from({ length: 20 }, (_, i) => get(String(i), `/users/${userId}`)),
    });
    expect(status).toBe(200);
    expect(body.responses).toHaveLength(20);
  });
});

describe("execution", () => {
  test.each([
    ["/users/{id}", "leading slash"],
    ["users/{id}", "no leading slash"],
    ["/v1.0/users/{id}", "the batch's version prefix, as Microsoft's SDK sends it"],
  ])("url %s (%s) reaches the route", async (url) => {
    const { byId } = await batch({ requests: [get("1", url.replace("{id}", userId))] });
    expect(byId.get("1")).toMatchObject({ status: 200, body: { id: userId } });
  });

  test("another version's prefix is not stripped", async () => {
    const { byId } = await batch({ requests: [get("1", `/beta/users/${userId}`)] });
    expect(byId.get("1")?.status).toBe(400);
  });

  test("each item gets its own outcome: success, 404, 403, 405, unknown segment", async () => {
    const { status, byId } = await batch({
      requests: [
        get("ok", `/users/${userId}`),
        get("missing", "/users/00000000-0000-4000-8000-000000000000"),
        get("denied", "/directoryRoles"),
        { id: "method", method: "DELETE", url: `/users/${userId}` },
        get("segment", "/nothing"),
      ],
    });
    expect(status).toBe(200);
    expect(byId.get("ok")?.status).toBe(200);
    expect(byId.get("missing")?.body?.error?.code).toBe("Request_ResourceNotFound");
    expect(byId.get("denied")).toMatchObject({
      status: 403,
      body: { error: { code: "Authorization_RequestDenied" } },
    });
    expect(byId.get("method")?.status).toBe(405);
    expect(byId.get("segment")?.status).toBe(400);
    expect(byId.get("ok")?.headers?.["x-ms-resource-unit"]).toBe("1");
  });

  test("dependents of a failed request get 424; dependents of a success run after it", async () => {
    const { byId } = await batch({
      requests: [
        { id: "1", method: "POST", url: "/users", headers: { "content-type": "application/json" }, body: {} },
        { ...get("2", `/users/${userId}`), dependsOn: ["1"] },
        { ...get("3", `/users/${userId}`), dependsOn: ["2"] },
        {
          id: "4",
          method: "POST",
          url: "/echo",
          headers: { "content-type": "application/json" },
          body: { n: 4 },
        },
        { ...get("5", `/users/${userId}`), dependsOn: ["4"] },
      ],
    });
    expect(byId.get("1")?.status).toBe(400);
    expect(byId.get("2")).toMatchObject({ status: 424, body: { error: { code: "FailedDependency" } } });
    expect(byId.get("3")?.status).toBe(424);
    expect(byId.get("4")).toMatchObject({ status: 200, body: { received: { n: 4 }, path: "/echo" } });
    expect(byId.get("5")?.status).toBe(200);
  });

  test("the batch needs a valid token, and an item cannot be another batch", async () => {
    const anonymous = await t.fetch(`${t.emu.graphUrl}/v1.0/$batch`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ requests: [get("1", `/users/${userId}`)] }),
    });
    expect(anonymous.status).toBe(401);
    const { byId } = await batch({
      requests: [
        {
          id: "1",
          method: "POST",
          url: "/$batch",
          headers: { "content-type": "application/json" },
          body: { requests: [] },
        },
      ],
    });
    expect(byId.get("1")?.status).toBe(400);
  });

  test("items are throttled on their own", async () => {
    const throttled = await startTestEmulator({
      routes: testRoutes,
      throttling: { limits: { appTenantWrites: 2 } },
    });
    try {
      const tok = await throttled.graphToken();
      const create = (id: string) => ({
        id,
        method: "POST",
        url: "/users",
        headers: { "content-type": "application/json" },
        body: { displayName: id },
      });
      const res = await throttled.fetch(`${throttled.emu.graphUrl}/v1.0/$batch`, {
        method: "POST",
        headers: { authorization: `Bearer ${tok}`, "content-type": "application/json" },
        body: JSON.stringify({
          requests: [create("a"), { ...create("b"), dependsOn: ["a"] }, { ...create("c"), dependsOn: ["b"] }],
        }),
      });
      const body = (await res.json()) as { responses: ItemResponse[] };
      const byId = new Map(body.responses.map((r) => [r.id, r]));
      expect(res.status).toBe(200);
      expect([byId.get("a")?.status, byId.get("b")?.status, byId.get("c")?.status]).toEqual([201, 201, 429]);
      expect(Number(byId.get("c")?.headers?.["Retry-After"])).toBeGreaterThan(0);
    } finally {
      await throttled.emu.stop();
    }
  });

  test("Microsoft's BatchRequestContent and BatchResponseContent work unchanged", async () => {
    const content = new BatchRequestContent([
      { id: "1", request: new Request(`${t.emu.graphUrl}/v1.0/users/${userId}`, { method: "GET" }) },
      {
        id: "2",
        request: new Request(`${t.emu.graphUrl}/v1.0/users`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ displayName: "from the SDK" }),
        }),
        dependsOn: ["1"],
      },
    ]);
    const payload = await content.getContent();
    const res = await t.fetch(`${t.emu.graphUrl}/v1.0/$batch`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(payload),
    });
    const parsed = new BatchResponseContent((await res.json()) as { responses: [] });
    expect(parsed.getResponseById("1")?.status).toBe(200);
    const created = parsed.getResponseById("2");
    if (created === undefined) throw new Error("no response for item 2");
    expect(created.status).toBe(201);
    expect(((await created.json()) as { displayName: string }).displayName).toBe("from the SDK");
  });
});
