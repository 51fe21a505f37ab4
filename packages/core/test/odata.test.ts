import { describe, expect, it } from "vitest";
import {
  and,
  any,
  eq,
  ge,
  isIn,
  le,
  literal,
  ne,
  not,
  or,
  propertyPath,
  startsWith,
} from "../src/http/odata.ts";

describe("literal", () => {
  it.each([
    ["plain", "'plain'"],
    ["O'Brien", "'O''Brien'"],
    ["x' or 1 eq 1 or 'a", "'x'' or 1 eq 1 or ''a'"],
    ["''", "''''''"],
    [42, "42"],
    [-1.5, "-1.5"],
    [true, "true"],
    [null, "null"],
    [new Date("2026-01-02T03:04:05Z"), "2026-01-02T03:04:05.000Z"],
  ])("%j -> %s", (value, expected) => {
    expect(literal(value)).toBe(expected);
  });
  it.each([[Number.NaN], [Number.POSITIVE_INFINITY], [new Date("nope")], [{} as unknown as string]])(
    "rejects %j",
    (value) => {
      expect(() => literal(value)).toThrow();
    },
  );
});

// A tiny tokenizer of OData string literals: whatever the value, the filter must contain exactly the
// string literals we put in, with the operators we wrote outside them.
function outsideLiterals(filter: string): string {
  return filter.replace(/'(?:[^']|'')*'/g, "<lit>");
}

describe("hostile values cannot change a filter's meaning", () => {
  const hostile = [
    "x' or 1 eq 1 or 'a",
    "') or (displayName eq 'admin",
    "a'; DROP",
    "'",
    "''' or true or '''",
    "a' and identities/any(i:i/issuer eq 'x') or 'b",
    "\\' or 1 eq 1 --",
    "ünïcødé ' \u0000 \n",
  ];
  it.each(hostile)("eq with %j", (value) => {
    const filter = String(eq("displayName", value));
    expect(outsideLiterals(filter)).toBe("displayName eq <lit>");
  });
  it.each(hostile)("startsWith and any with %j", (value) => {
    const filter = String(
      and(
        startsWith("mail", value),
        any("identities", "i", (p) => and(eq(p("issuerAssignedId"), value), eq(p("issuer"), value))),
      ),
    );
    expect(outsideLiterals(filter)).toBe(
      "(startswith(mail,<lit>)) and (identities/any(i:(i/issuerAssignedId eq <lit>) and (i/issuer eq <lit>)))",
    );
  });
});

describe("property paths", () => {
  it.each(["displayName", "initiatedBy/user/id", "extension_6ea3bc85aec24b1c92ff4a117afb6621_LoyaltyTier"])(
    "accepts %s",
    (path) => {
      expect(propertyPath(path)).toBe(path);
    },
  );
  it.each(["", "a b", "a eq 'x' or b", "a)", "a/", "/a", "x'", "a/any(", "1abc"])("rejects %j", (path) => {
    expect(() => eq(path, "v")).toThrow(/property path/);
  });
  it("rejects a bad lambda variable", () => {
    expect(() => any("identities", "i:x eq 1 or i", (p) => eq(p("issuer"), "v"))).toThrow(/lambda variable/);
  });
});

describe("composition", () => {
  it("builds the documented sign-in identity lookup", () => {
    const filter = any("identities", "c", (p) =>
      and(eq(p("issuerAssignedId"), "ana@example.com"), eq(p("issuer"), "contoso.onmicrosoft.com")),
    );
    expect(String(filter)).toBe(
      "identities/any(c:(c/issuerAssignedId eq 'ana@example.com') and (c/issuer eq 'contoso.onmicrosoft.com'))",
    );
  });
  it("skips undefined parts, so optional criteria compose", () => {
    const since: Date | undefined = undefined;
    expect(
      String(
        and(
          eq("category", "UserManagement"),
          since === undefined ? undefined : ge("activityDateTime", since),
        ),
      ),
    ).toBe("category eq 'UserManagement'");
  });
  it("joins, negates and lists", () => {
    expect(String(or(ne("a", 1), not(le("b", 2)), isIn("c", ["x", "y'z"])))).toBe(
      "(a ne 1) or (not (b le 2)) or (c in ('x','y''z'))",
    );
  });
  it("refuses to combine raw strings", () => {
    expect(() => and("x eq 1" as never)).toThrow(/built filter/);
  });
});
