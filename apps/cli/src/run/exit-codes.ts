/** `ciam`'s exit codes, documented in docs/cli.md; scripts branch on them. */
export const EXIT = {
  success: 0,
  /** An unexpected failure inside ciam (a bug): the message says so. */
  failure: 1,
  /** Bad command line or input, missing credentials, refused by --read-only or a missing --yes: nothing was sent. */
  usage: 2,
  /** Sign-in failed: wrong, expired or missing credential (401, token service errors). */
  auth: 3,
  /** Signed in, but the app lacks a permission (403). */
  permission: 4,
  /** The object does not exist (404). */
  notFound: 5,
  /** Any other error from Graph, ARM or the network (throttling, conflict, validation, 5xx, timeout); an invalid configuration found by a check. */
  api: 6,
  /** Some items of a bulk command or of a listing failed while others succeeded. */
  partial: 7,
  /** Cancelled with Ctrl-C (128 + SIGINT). */
  interrupted: 130,
} as const;

/** One of {@link EXIT}'s values. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A usage error: printed as one line, exit code 2, nothing sent. */
export class UsageError extends Error {
  override name = "UsageError";
  /** Core's error kind (`@ciamkit/core/error-kinds`), which picks the exit code. */
  readonly kind = "usage";
}
