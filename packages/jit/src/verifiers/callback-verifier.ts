import type { PasswordVerifier, VerificationInput, VerificationResult } from "./verifier.ts";

/**
 * A verifier from your own function: answer `true` (valid), `false` (invalid) or a
 * {@link VerificationResult} (to block, or to show a message with Retry). Throw when you cannot tell.
 */
export function callbackVerifier(
  check: (input: VerificationInput) => boolean | VerificationResult | Promise<boolean | VerificationResult>,
): PasswordVerifier {
  return async (input) => {
    const answer = await check(input);
    if (answer === true) return { result: "valid" };
    if (answer === false) return { result: "invalid" };
    return answer;
  };
}
