// Query options nested or chained past what Graph's OData parser takes: a 400 like Graph's, never a
// stack overflow (500), and the emulator keeps serving. Over HTTPS, directly and through $batch (whose
// request URLs are in the body, so they can be far longer than a request line).
import { describe, expect, it } from "vitest";
import { MAX_FILTER_HEIGHT, MAX_FILTER_NESTING } from "../src/graph/odata/filter-limits.ts";
import { useGraphFixture } from "./helpers/graph.ts";

const { g } = useGraphFixture({ reset: false });

const TOO_DEEP = {
  code: "Request_BadRequest",
  message: "Invalid filter clause: Recursion depth exceeded allowed limit.",
};
const nested = (levels: number, inner = "displayName eq 'x'") =>
  `${"(".repeat(levels)}${inner}${")".repeat(levels)}`;
const chain = (terms: number) =>
  Array.from({ length: terms }, (_, i) => `displayName eq 'n${i}'`).join(" or ");

/** One GET through $batch; its answer. */
async function batched(
  url: string,
): Promise<{ status: number; body: { error?: { code: string; message: string } } }> {
  const res = await g.post("/$batch", { requests: [{ id: "1", method: "GET", url }] });
  expect(res.status).toBe(200);
  return res.body.responses[0];
}

async function stillServes(): Promise<void> {
  expect((await g.get("/users?$filter=displayName eq 'x'")).status).toBe(200);
}

describe("$filter nested too deeply", () => {
  it("2,000 nested parentheses: 400 Request_BadRequest as Graph answers", async () => {
    const res = await g.get(`/users?$filter=${encodeURIComponent(nested(2000))}`);
    expect(res.status).toBe(400);
    expect(res.error).toMatchObject(TOO_DEEP);
    await stillServes();
  });

  it.each([
    ["100,000 nested parentheses", nested(100_000)],
    ["100,000 nested `not`", `${"not ".repeat(100_000)}displayName eq 'x'`],
    ["100,000 nested function calls", `${"startswith(".repeat(100_000)}displayName, 'x')`],
    ["nested any() lambdas", `${"identities/any(c:".repeat(5_000)}c/issuer eq 'x'${")".repeat(5_000)}`],
    ["a chain of 5,000 `or` clauses", chain(5_000)],
    ["a chain of 5,000 `and` clauses", chain(5_000).replaceAll(" or ", " and ")],
  ])("%s (through $batch): 400, and the emulator keeps serving", async (_, filter) => {
    const res = await batched(`/users?$filter=${encodeURIComponent(filter)}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject(TOO_DEEP);
    await stillServes();
  });

  it("a request line too long for the server (100,000 parentheses in the URL) is a 4xx, not a crash", async () => {
    const res = await g.get(`/users?$filter=${encodeURIComponent(nested(100_000))}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    await stillServes();
  });

  it("nesting and chains within the limits are answered", async () => {
    const deep = await g.get(`/users?$filter=${encodeURIComponent(nested(MAX_FILTER_NESTING - 1))}`);
    expect(deep.status).toBe(200);
    const long = await batched(`/users?$filter=${encodeURIComponent(chain(MAX_FILTER_HEIGHT - 2))}`);
    expect(long.status).toBe(200);
  });

  it("a long filter's syntax error quotes only its start", async () => {
    const res = await batched(
      `/users?$filter=${encodeURIComponent(`displayName eq '${"x".repeat(100_000)}`)}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toMatch(
      /^Invalid filter clause: unterminated string literal at position 15/,
    );
    expect(res.body.error?.message.length).toBeLessThan(400);
  });
});

describe("$expand and $orderby", () => {
  it.each([
    [
      "$expand nested 100,000 times",
      `/groups?$expand=${"members($expand=".repeat(100_000)}${")".repeat(100_000)}`,
    ],
    ["$expand with 1,000,000 spaces", `/groups?$expand=members${" ".repeat(1_000_000)}x`],
    [
      "$orderby nested 100,000 times",
      `/users?$orderby=${"(".repeat(100_000)}displayName${")".repeat(100_000)}`,
    ],
    ["$orderby with 1,000,000 spaces", `/users?$orderby=displayName${" ".repeat(1_000_000)}x`],
  ])("%s (through $batch): 400 with a short message", async (_, url) => {
    const res = await batched(encodeURI(url));
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe("Request_BadRequest");
    expect(res.body.error?.message.length).toBeLessThan(400);
    await stillServes();
  });
});
