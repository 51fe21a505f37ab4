import { describe, expect, it } from "vitest";
import {
  decodeSkipToken,
  encodeSkipToken,
  parseTop,
  queryFingerprint,
  resumeIndex,
} from "../src/graph/odata/paging.ts";
import { GraphError } from "../src/graph/route.ts";

const ids = ["a", "b", "c", "d", "e", "f"];

describe("resumeIndex", () => {
  it.each([
    ["after the last id served", { after: ["a", "b"], served: 2 }, ids, 2],
    ["after an insert before the cursor", { after: ["a", "b"], served: 2 }, ["x", ...ids], 3],
    ["after the newest served id still present", { after: ["a", "b"], served: 2 }, ["a", "c", "d"], 1],
    ["at the offset when every served id is gone", { after: ["a", "b"], served: 2 }, ["c", "d", "e"], 2],
    ["at the end when the offset is past it", { after: ["y"], served: 9 }, ["c"], 1],
  ])("resumes %s", (_, cursor, list, expected) => {
    expect(
      resumeIndex(
        list.map((id) => ({ id })),
        cursor,
      ),
    ).toBe(expected);
  });
});

describe("$skiptoken", () => {
  const q = (s: string) => queryFingerprint(new URLSearchParams(s), "/users");

  it("round-trips for the same query, in any option order", () => {
    const token = encodeSkipToken(q("$top=2&$select=id"), { after: ["a", "b"], served: 2 });
    expect(decodeSkipToken(token, q("$select=id&$top=2&$skiptoken=zzz"))).toEqual({
      after: ["a", "b"],
      served: 2,
    });
  });

  it.each([
    ["another query", encodeSkipToken(q("$top=2"), { after: ["a"], served: 1 }), q("$top=3")],
    ["garbage", "not-a-token", q("$top=2")],
    [
      "a forged body",
      Buffer.from(JSON.stringify({ v: 2, q: q("$top=2"), a: "a", n: 1 })).toString("base64url"),
      q("$top=2"),
    ],
  ])("refuses a token from %s", (_, token, fingerprint) => {
    expect(() => decodeSkipToken(token, fingerprint)).toThrow(GraphError);
  });
});

describe("$top", () => {
  it.each([
    ["1", 999, 1],
    ["999", 999, 999],
    [" 5 ", 999, 5],
    ["1000", 1000, 1000],
  ])("accepts %s (max %i)", (value, max, expected) => {
    expect(parseTop(value, max)).toBe(expected);
  });

  it.each(["0", "1000", "-1", "1.5", "ten", ""])("refuses %j on users", (value) => {
    expect(() => parseTop(value, 999)).toThrow(
      `Invalid page size specified: '${value}'. Must be between 1 and 999 inclusive.`,
    );
  });
});
