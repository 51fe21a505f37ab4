import { describe, expect, it } from "vitest";
import {
  applyMapping,
  columnMappingSchema,
  extensionProperty,
  mappingPairSchema,
  withMappingPairs,
} from "../src/bulk/column-mapping.ts";
import { DuplicateTracker, identityKey, passwordProblem, validateRow } from "../src/bulk/row-validation.ts";

describe("row validation", () => {
  // Entra's published policy (one module with the emulator: @ciamkit/entra-policy): no name rule,
  // no Unicode.
  it.each([
    ["Zq!9pqr#kT", undefined],
    ["short1!", /8 to 256/],
    ["alllowercaseonly", /three of/],
    ["NoSymbolsButDigits1", undefined],
    ["Lovelace#2024x", undefined],
    ["Ada Lovelace 1", undefined],
    ["Mot2passe-été", /may hold only/],
  ])("password %s", (password, problem) => {
    const found = passwordProblem(password);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });

  it.each([
    [{ displayName: "A", signInName: "a@example.com", password: "Zq!9pqr#kT" }, true, "emailAddress"],
    [{ displayName: "A", signInName: "ada_l", password: "Zq!9pqr#kT" }, true, "userName"],
    [{ displayName: "A", signInName: "ada l", password: "Zq!9pqr#kT" }, false, undefined],
    [
      { displayName: "A", signInName: "a@example.com", signInType: "userName", password: "Zq!9pqr#kT" },
      false,
      undefined,
    ],
    [
      { displayName: "A", signInName: "a@example.com", accountEnabled: "maybe", password: "Zq!9pqr#kT" },
      false,
      undefined,
    ],
    [{ displayName: "A", signInName: "a@example.com" }, false, undefined],
  ])("row %j valid=%s", (fields, valid, signInType) => {
    const check = validateRow({ fields, extensions: {} }, true);
    expect(check.ok).toBe(valid);
    if (check.ok) expect(check.row.signInType).toBe(signInType);
  });

  it("accepts a row without a password when passwords are generated", () => {
    expect(
      validateRow({ fields: { displayName: "A", signInName: "a@example.com" }, extensions: {} }, false).ok,
    ).toBe(true);
  });

  it("tracks a large number of identities without false duplicates, case-insensitively", () => {
    const tracker = new DuplicateTracker();
    const key = (n: number, name = `user${n}@example.com`) =>
      identityKey({ signInType: "emailAddress", signInName: name });
    for (let n = 0; n < 100_000; n++) expect(tracker.seen(key(n))).toBe(false);
    for (let n = 0; n < 100_000; n += 997) expect(tracker.seen(key(n))).toBe(true);
    expect(tracker.seen(key(5, "USER5@EXAMPLE.COM"))).toBe(true);
    expect(tracker.seen(identityKey({ signInType: "userName", signInName: "user5@example.com" }))).toBe(
      false,
    );
  });

  it("maps columns and custom attributes", () => {
    const mapping = columnMappingSchema.parse({
      columns: { signInName: "email" },
      extensions: { tier: "level" },
      extensionAppId: "0f0e0d0c-0b0a-0908-0706-050403020100",
    });
    const mapped = applyMapping(mapping, {
      email: "a@example.com",
      displayName: "A",
      level: "gold",
      other: "x",
    });
    expect(mapped.fields).toEqual({ signInName: "a@example.com", displayName: "A" });
    expect(mapped.extensions).toEqual({
      [extensionProperty("0f0e0d0c-0b0a-0908-0706-050403020100", "tier")]: "gold",
    });
    expect(columnMappingSchema.safeParse({ extensions: { tier: "level" } }).success).toBe(false);
  });

  const APP = "0f0e0d0c-0b0a-0908-0706-050403020100";
  it.each([
    [["displayName=full_name"], { columns: { signInName: "email", displayName: "full_name" } }],
    [["signInName=login"], { columns: { signInName: "login" } }],
    [[" givenName = first "], { columns: { signInName: "email", givenName: "first" } }],
    [
      ["extensions.loyaltyTier=tier", `extensionAppId=${APP}`],
      { columns: { signInName: "email" }, extensions: { loyaltyTier: "tier" }, extensionAppId: APP },
    ],
  ])("lays --map entries %j over a mapping", (pairs, expected) => {
    const base = columnMappingSchema.parse({ columns: { signInName: "email" } });
    expect(withMappingPairs(base, pairs)).toEqual({ extensions: {}, ...expected });
  });

  it.each([
    ["nickname=x", /expected <field>=<column>/],
    ["displayName", /expected <field>=<column>/],
    ["displayName=", /expected <field>=<column>/],
    ["extensions.9bad=x", /expected <field>=<column>/],
  ])("refuses the entry %s", (pair, message) => {
    const parsed = mappingPairSchema.safeParse(pair);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(message);
  });

  it("refuses an extension entry without the extensions app", () => {
    expect(() => withMappingPairs(columnMappingSchema.parse({}), ["extensions.tier=level"])).toThrow(
      /extensionAppId is required/,
    );
  });
});
