import { describe, expect, it } from "vitest";
import { matches } from "../src/graph/odata/filter-eval.ts";
import { parseFilter } from "../src/graph/odata/filter-parser.ts";
import { checkFilter } from "../src/graph/odata/filter-support.ts";
import { GraphError } from "../src/graph/route.ts";
import { ignoreLocalIssuer, usersSpec } from "../src/graph/routes/user-query.ts";
import type { JsonObject } from "../src/store/json.ts";

const ana: JsonObject = {
  id: "0a6f1c5e-1111-4111-8111-111111111111",
  displayName: "Ana O'Brien",
  givenName: "Ana",
  mail: null,
  accountEnabled: true,
  createdDateTime: "2026-02-01T10:00:00Z",
  otherMails: ["ana@work.example"],
  identities: [
    { signInType: "emailAddress", issuer: "contoso.onmicrosoft.com", issuerAssignedId: "ana@example.com" },
    { signInType: "federated", issuer: "google.com", issuerAssignedId: "g-1" },
    {
      signInType: "userPrincipalName",
      issuer: "contoso.onmicrosoft.com",
      issuerAssignedId: "ana@contoso.onmicrosoft.com",
    },
  ],
  initiatedBy: { app: { appId: "abc" } },
  extension_6ea3bc85aec24b1c92ff4a117afb6621_Tier: "gold",
};

describe("$filter evaluation", () => {
  it.each([
    ["displayName eq 'Ana O''Brien'", true],
    ["displayName eq 'ana o''brien'", true],
    ["displayName ne 'Bob'", true],
    ["startswith(displayName,'ana')", true],
    ["startsWith(displayName, 'Bob')", false],
    ["endswith(displayName,'brien')", true],
    ["displayName in ('Bob', 'Ana O''Brien')", true],
    ["mail eq null", true],
    ["givenName eq null", false],
    ["accountEnabled eq true", true],
    ["accountEnabled eq false", false],
    ["id eq 0A6F1C5E-1111-4111-8111-111111111111", true],
    ["createdDateTime ge 2026-02-01T00:00:00Z", true],
    ["createdDateTime gt 2026-02-01T10:00:00Z", false],
    ["createdDateTime le 2026-02-01T10:00:00.000+00:00", true],
    ["createdDateTime lt 2026-02-01", false],
    ["givenName eq 'Ana' and (mail eq 'x' or accountEnabled eq true)", true],
    ["givenName eq 'Ana' and mail eq 'x' or accountEnabled eq false", false],
    ["not (givenName eq 'Bob')", true],
    ["not givenName eq 'Ana'", false],
    [
      "identities/any(c:c/issuerAssignedId eq 'ana@example.com' and c/issuer eq 'contoso.onmicrosoft.com')",
      true,
    ],
    ["identities/any(c:c/issuerAssignedId eq 'ana@example.com' and c/issuer eq 'google.com')", false],
    ["identities/all(c:c/issuer ne 'facebook.com')", true],
    ["otherMails/any(x:x eq 'ANA@work.example')", true],
    ["initiatedBy/app/appId eq 'abc'", true],
    ["extension_6ea3bc85aec24b1c92ff4a117afb6621_Tier eq 'gold'", true],
    ["extension_6ea3bc85aec24b1c92ff4a117afb6621_Missing eq null", true],
  ])("%s → %s", (filter, expected) => {
    expect(matches(parseFilter(filter), ana)).toBe(expected);
  });
});

describe("$filter syntax errors", () => {
  it.each([
    "displayName eq",
    "displayName eq 'unterminated",
    "(displayName eq 'a'",
    "displayName eq 'a' and",
    "startswith(displayName)",
    "identities/any(c:c/roles/any(r:r eq 'x'))",
    "displayName eq 'a' extra",
  ])("%s → 400 Request_BadRequest", (filter) => {
    const e = (() => {
      try {
        parseFilter(filter);
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(GraphError);
    expect((e as GraphError).code).toBe("Request_BadRequest");
    expect((e as GraphError).message).toMatch(/^Invalid filter clause/);
  });
});

describe("$filter support on /users", () => {
  const check = (filter: string, advanced = false): string => {
    try {
      return checkFilter(parseFilter(filter), usersSpec.filter, advanced) ? "advanced" : "ok";
    } catch (e) {
      return (e as GraphError).code;
    }
  };

  it.each([
    ["displayName eq 'a'", false, "ok"],
    ["startswith(userPrincipalName,'a')", false, "ok"],
    ["id in ('a','b')", false, "ok"],
    ["createdDateTime ge 2026-01-01T00:00:00Z", false, "ok"],
    ["endswith(mail,'@example.com')", false, "Request_UnsupportedQuery"],
    ["endswith(mail,'@example.com')", true, "advanced"],
    ["displayName ne 'a'", false, "Request_UnsupportedQuery"],
    ["displayName ne 'a'", true, "advanced"],
    ["not (displayName eq 'a')", true, "advanced"],
    ["mail eq null", false, "Request_UnsupportedQuery"],
    ["aboutMe eq 'x'", true, "Request_UnsupportedQuery"],
    ["shoeSize eq 1", false, "Request_BadRequest"],
    ["accountEnabled eq 'true'", false, "Request_BadRequest"],
    [
      "identities/any(c:c/issuerAssignedId eq 'a@b.c' and c/issuer eq 'contoso.onmicrosoft.com')",
      false,
      "ok",
    ],
    ["identities/any(c:c/issuerAssignedId eq 'a@b.c')", false, "Request_UnsupportedQuery"],
    ["identities/any(c:c/issuer eq 'google.com')", false, "ok"],
    ["identities/any(c:c/issuer eq 'contoso.onmicrosoft.com')", false, "Request_UnsupportedQuery"],
    ["identities/all(c:c/issuer eq 'google.com')", false, "Request_UnsupportedQuery"],
    ["extension_6ea3bc85aec24b1c92ff4a117afb6621_Tier eq 'gold'", false, "ok"],
    ["extension_6ea3bc85aec24b1c92ff4a117afb6621_Tier eq null", false, "ok"],
    ["startswith(extension_6ea3bc85aec24b1c92ff4a117afb6621_Tier,'g')", true, "Request_UnsupportedQuery"],
    ["otherMails/any(x:x eq 'a@b.c')", false, "ok"],
    ["displayName", false, "Request_UnsupportedQuery"],
  ])("%s (advanced allowed: %s) → %s", (filter, advanced, expected) => {
    expect(check(filter, advanced)).toBe(expected);
  });
});

describe("identities filters on users", () => {
  it.each([
    ["identities/any(c:c/issuerAssignedId eq 'ana@example.com' and c/issuer eq 'whatever.example')", true],
    ["identities/any(c:c/issuerAssignedId eq 'g-1' and c/issuer eq 'google.com')", true],
    ["identities/any(c:c/issuerAssignedId eq 'g-1' and c/issuer eq 'facebook.com')", false],
    [
      "identities/any(c:c/issuerAssignedId eq 'ana@contoso.onmicrosoft.com' and c/issuer eq 'contoso.onmicrosoft.com')",
      false,
    ],
  ])("%s → %s (the issuer of a local account is ignored)", (filter, expected) => {
    expect(matches(ignoreLocalIssuer(parseFilter(filter)), ana)).toBe(expected);
  });
});
