/**
 * Microsoft Entra's password policy for cloud accounts, as Microsoft publishes it ("Password policies
 * and account restrictions in Microsoft Entra ID", Microsoft Entra password policies):
 *
 * - characters allowed: A–Z, a–z, 0–9, the symbols `@ # $ % ^ & * - _ ! + = [ ] { } | \ : ' , . ? / `
 *   `` ` `` `~ " ( ) ; < >` and the blank space; Unicode characters are not allowed;
 * - 8 to 256 characters;
 * - three of four kinds: lower case, upper case, digits, symbols (the strong-password rule, which a
 *   user's `passwordPolicies: "DisableStrongPassword"` lifts).
 *
 * The policy has no rule about the user's name; banned-password checks (Microsoft's global list and
 * a tenant's custom list) are not published and are not modelled. One module, used by the emulator
 * (what Graph refuses) and by core's import check (what a migration file may hold), so that core never
 * rejects a password Entra would accept.
 */

/** The symbols the policy allows, the blank space included. */
export const PASSWORD_SYMBOLS = "@#$%^&*-_!+=[]{}|\\:',.?/`~\"();<> ";
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

/** Why a password breaks the policy. */
export type PasswordProblem = "length" | "characters" | "complexity";

/** What each problem means, in words a user can act on. */
export const PASSWORD_PROBLEM_TEXT: Readonly<Record<PasswordProblem, string>> = {
  length: `password must have ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`,
  characters:
    "password may hold only A-Z, a-z, 0-9, spaces and the symbols @#$%^&*-_!+=[]{}|\\:',.?/`~\"();<>",
  complexity: "password needs three of: lower case, upper case, digit, symbol",
};

const SYMBOLS = new Set(PASSWORD_SYMBOLS);

/**
 * The first rule of the policy a password breaks, or `undefined` when Entra accepts it. `strong`
 * is false for a user whose `passwordPolicies` has `DisableStrongPassword`.
 */
export function passwordPolicyProblem(password: string, strong = true): PasswordProblem | undefined {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) return "length";
  let lower = 0;
  let upper = 0;
  let digit = 0;
  let symbol = 0;
  // A loop over char codes: core runs this for every row of files of millions of rows.
  for (let i = 0; i < password.length; i++) {
    const c = password.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = 1;
    else if (c >= 65 && c <= 90) upper = 1;
    else if (c >= 48 && c <= 57) digit = 1;
    else if (SYMBOLS.has(password[i] as string)) symbol = 1;
    else return "characters";
  }
  if (strong && lower + upper + digit + symbol < 3) return "complexity";
  return undefined;
}
