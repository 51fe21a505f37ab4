import { confidentialCredential } from "./confidential-credential.ts";
import type { CredentialOptions } from "./msal-config.ts";
import type { TokenProvider } from "./token-provider.ts";

/** Options of {@link clientSecretCredential}. */
export interface ClientSecretCredentialOptions extends CredentialOptions {
  clientSecret: string;
}

/** An app-only credential with a client secret. */
export function clientSecretCredential(options: ClientSecretCredentialOptions): TokenProvider {
  if (typeof options.clientSecret !== "string" || options.clientSecret === "")
    throw new Error("clientSecret is required.");
  return confidentialCredential(options, { clientSecret: options.clientSecret }, "client secret");
}
