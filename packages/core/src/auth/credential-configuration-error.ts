/** Thrown when the environment does not describe exactly one usable credential; names the variables involved. */
export class CredentialConfigurationError extends Error {
  override readonly name = "CredentialConfigurationError";
}
