/**
 * The Azure SDK's `TokenCredential` (`@azure/core-auth`), accepted structurally: a credential of
 * `@azure/identity` (DefaultAzureCredential, ManagedIdentityCredential, WorkloadIdentityCredential,
 * AzureCliCredential, …) passes as a client's `credential` without core depending on the Azure SDK.
 */
import { AuthenticationError } from "../http/errors.ts";
import type { AccessToken, GetTokenOptions, TokenProvider } from "./token-provider.ts";

/** What ciamkit passes to an Azure SDK credential's `getToken` (a subset of `@azure/core-auth`'s options). */
export interface AzureGetTokenOptions {
  abortSignal?: AbortSignal;
}

/** The token an Azure SDK credential returns (`@azure/core-auth`'s `AccessToken`). */
export interface AzureAccessToken {
  token: string;
  expiresOnTimestamp: number;
  refreshAfterTimestamp?: number | undefined;
  tokenType?: "Bearer" | "pop" | undefined;
}

/**
 * The Azure SDK's `TokenCredential` interface: any `@azure/identity` credential is assignable to it.
 * `getToken` may resolve to `null` (the credential found no token); ciamkit then throws an
 * {@link AuthenticationError} that says so.
 */
export interface AzureTokenCredential {
  getToken(scopes: string | string[], options?: AzureGetTokenOptions): Promise<AzureAccessToken | null>;
}

/** A client's credential: one of ciamkit's ({@link TokenProvider}) or an Azure SDK `TokenCredential`. */
export type Credential = TokenProvider | AzureTokenCredential;

/**
 * A {@link TokenProvider} over either kind of credential. Both are asked the same way (the signal is
 * passed as `signal` and as the Azure SDK's `abortSignal`); a `null` token or a proof-of-possession
 * token is refused with an error naming the credential's likely cause.
 */
export function credentialTokens(credential: Credential): TokenProvider {
  const source = credential as {
    getToken(
      scope: string,
      options: GetTokenOptions & AzureGetTokenOptions,
    ): Promise<AzureAccessToken | null>;
    close?(): Promise<void>;
  };
  return {
    async getToken(scope, options = {}) {
      const signal = options.signal === undefined ? {} : { abortSignal: options.signal };
      const token = await source.getToken(scope, { ...options, ...signal });
      if (token === null || token === undefined) {
        throw new AuthenticationError({
          service: "login",
          status: 401,
          code: "NoToken",
          message: `The credential returned no access token for ${scope}, so nothing was sent. With an Azure SDK credential this means it found nothing to sign in with (DefaultAzureCredential: set AZURE_TENANT_ID/AZURE_CLIENT_ID with a secret or certificate, run \`az login\`, or run where a managed identity is assigned); check its own log (AZURE_LOG_LEVEL=info), then retry.`,
        });
      }
      if (token.tokenType === "pop") {
        throw new AuthenticationError({
          service: "login",
          status: 401,
          code: "UnsupportedTokenType",
          message: `The credential returned a proof-of-possession token for ${scope}; Microsoft Graph and ARM take bearer tokens here. Use a credential without proof-of-possession options.`,
        });
      }
      const result: AccessToken = { token: token.token, expiresOnTimestamp: token.expiresOnTimestamp };
      if (token.refreshAfterTimestamp !== undefined)
        result.refreshAfterTimestamp = token.refreshAfterTimestamp;
      return result;
    },
    close: async () => {
      await source.close?.();
    },
  };
}
