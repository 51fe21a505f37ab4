import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";

// Records what the comparison compares, to show it never depends on the presented token's length.
const compared = vi.hoisted(() => [] as [number, number][]);
vi.mock("node:crypto", async (importOriginal) => {
  const crypto = await importOriginal<typeof import("node:crypto")>();
  return {
    ...crypto,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      compared.push([a.byteLength, b.byteLength]);
      return crypto.timingSafeEqual(a, b);
    },
  };
});

const { bearerMatches, tokenWeakness } = await import("../src/transports/http/bearer-token.ts");
const { parseConfig, UsageError } = await import("../src/config.ts");
const { startMcpHttpServer } = await import("../src/transports/http/http-server.ts");
const { createCiamMcpServer } = await import("../src/server.ts");

const good = randomBytes(32).toString("base64");

describe("CIAM_MCP_TOKEN strength", () => {
  it.each([
    ["a", /has 1 characters; at least 32 are needed/],
    ["correct-horse-battery", /has 21 characters; at least 32 are needed/],
    ["a".repeat(40), /fewer than 8 distinct characters/],
    ["abcdefghij".repeat(4), /one shorter sequence repeated/],
    [`${"x".repeat(30)} y z`, /printable ASCII without spaces/],
  ])("refuses %j with the reason and how to make a good one", (token, reason) => {
    const run = () => parseConfig(["--http"], { CIAM_MCP_TOKEN: token });
    expect(run).toThrow(UsageError);
    expect(run).toThrow(reason);
    expect(run).toThrow(/CIAM_MCP_TOKEN is too weak: .*Make one with `openssl rand -base64 32`/);
    // The refusal never repeats the secret (a one-letter "secret" is in any sentence).
    if (token.length > 1)
      expect(run).toThrow(expect.objectContaining({ message: expect.not.stringContaining(token) }));
  });

  it("accepts a random token (base64 or hex), and ignores the variable without --http", () => {
    expect(parseConfig(["--http"], { CIAM_MCP_TOKEN: good }).token).toBe(good);
    expect(tokenWeakness(randomBytes(16).toString("hex"))).toBeUndefined();
    expect(parseConfig([], { CIAM_MCP_TOKEN: "a" }).transport).toBe("stdio");
  });

  it("is enforced by startMcpHttpServer too", async () => {
    const createServer = () =>
      createCiamMcpServer({ runner: { run: () => Promise.reject(new Error("none")) } });
    await expect(startMcpHttpServer({ createServer, token: "short" })).rejects.toThrow(
      /bearer token is too weak: it has 5 characters.*openssl rand -base64 32/,
    );
  });
});

describe("bearer token comparison", () => {
  it("accepts only the exact token", () => {
    expect(bearerMatches(`Bearer ${good}`, good)).toBe(true);
    expect(bearerMatches(`bearer   ${good} `, good)).toBe(true);
    for (const presented of [good.slice(0, -1), `${good}x`, good.toLowerCase(), "", "x"]) {
      expect(bearerMatches(`Bearer ${presented}`, good)).toBe(false);
    }
    expect(bearerMatches(undefined, good)).toBe(false);
    expect(bearerMatches(good, good)).toBe(false);
  });

  it("compares fixed-size digests whatever the presented length, so timing cannot reveal the length", () => {
    compared.length = 0;
    for (const presented of ["x", good.slice(0, 10), good, "y".repeat(5000)]) {
      bearerMatches(`Bearer ${presented}`, good);
    }
    bearerMatches(undefined, good);
    expect(compared).toEqual(Array(5).fill([32, 32]));
  });
});
