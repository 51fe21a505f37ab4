import { describe, expect, it } from "vitest";
import { PASSWORD_SYMBOLS, passwordPolicyProblem } from "../src/index.ts";

// Microsoft Entra's published password policy: allowed characters, 8-256, three of four kinds.
describe("passwordPolicyProblem", () => {
  it.each([
    ["Xy7!kq#Lm2", "three kinds and more"],
    ["abcdefg1!", "lower, digit, symbol"],
    ["ABCDEFG1 ", "upper, digit, the blank space"],
    ["Ada Lovelace1", "a password holding the user's name"],
    ["a".repeat(253) + "B1!", "256 characters"],
  ])("accepts %j (%s)", (password) => {
    expect(passwordPolicyProblem(password)).toBeUndefined();
  });

  it("accepts every symbol the policy lists", () => {
    for (const s of PASSWORD_SYMBOLS) expect(passwordPolicyProblem(`Abcdefg${s}`)).toBeUndefined();
  });

  it.each([
    ["Ab1!", "length"],
    ["Ab1!".repeat(64) + "x", "length"],
    ["abcdefgh", "complexity"],
    ["abcdefg1", "complexity"],
    ["Motdepasse1é", "characters"],
    ["Passwort1§", "characters"],
    ["Pass\u00a0word1", "characters"],
    ["Pässword12", "characters"],
    ["Password1\t", "characters"],
  ])("refuses %j: %s", (password, problem) => {
    expect(passwordPolicyProblem(password)).toBe(problem);
  });

  it("lifts only the complexity rule for DisableStrongPassword", () => {
    expect(passwordPolicyProblem("abcdefgh", false)).toBeUndefined();
    expect(passwordPolicyProblem("abc", false)).toBe("length");
    expect(passwordPolicyProblem("abcdéfgh", false)).toBe("characters");
  });
});
