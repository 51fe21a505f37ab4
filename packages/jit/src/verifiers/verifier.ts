import type { AuthenticationContext, PasswordSubmitUser } from "../request-body.ts";
import type { ActionMessage } from "../response.ts";

/** What a verifier is given: the typed password, who typed it, and when to give up. */
export interface VerificationInput {
  password: string;
  user: PasswordSubmitUser;
  context: AuthenticationContext;
  /** Aborted when the handler's time budget runs out: stop waiting on the old system then. */
  signal: AbortSignal;
}

/**
 * A verifier's answer. `valid`: the old system accepts the password (the handler answers
 * MigratePassword); `invalid`: it does not (Retry); `block`: the old system says this account must
 * not sign in (Block). A verifier that cannot tell (old system down, bad record) throws: the handler
 * then answers 503 and nothing is migrated.
 */
export type VerificationResult =
  | { result: "valid" }
  | ({ result: "invalid" } & ActionMessage)
  | ({ result: "block" } & ActionMessage);

/** Checks a password against the system the users come from. */
export type PasswordVerifier = (input: VerificationInput) => Promise<VerificationResult>;

/** A verifier failed for a reason worth logging; the message never carries the password. */
export class VerifierError extends Error {
  override readonly name = "VerifierError";
}
