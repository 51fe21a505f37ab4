import type { AccountInfo } from "@azure/msal-node";
import { PublicClientApplication } from "@azure/msal-node";
import type { CredentialOptions } from "./msal-config.ts";
import { msalConfiguration } from "./msal-config.ts";
import { fromMsalError } from "./msal-errors.ts";
import { defaultTokenCachePath, fileTokenCachePlugin } from "./token-cache-file.ts";
import type { AccessToken, TokenProvider } from "./token-provider.ts";
import { cachingTokenProvider } from "./token-provider.ts";

/** What to show the person signing in. */
export interface DeviceCodePrompt {
  userCode: string;
  verificationUri: string;
  /** The token service's full instruction text. */
  message: string;
  expiresInSeconds: number;
}

/** Options of {@link deviceCodeCredential}. */
export interface DeviceCodeCredentialOptions extends CredentialOptions {
  /** Shows the code to the user (the CLI prints it to stderr). */
  onPrompt: (prompt: DeviceCodePrompt) => void;
  /** The token cache file; `false` keeps the cache in memory only. Default `~/.ciamkit/msal-cache.json`. */
  tokenCachePath?: string | false | undefined;
}

/**
 * Delegated sign-in for an administrator with the device code flow (public client). Tokens and the
 * refresh token are cached on disk (owner-only), so a second run signs in silently.
 */
export function deviceCodeCredential(options: DeviceCodeCredentialOptions): TokenProvider {
  const cachePath = options.tokenCachePath === undefined ? defaultTokenCachePath() : options.tokenCachePath;
  const config = msalConfiguration(options, {});
  const app = new PublicClientApplication({
    ...config,
    ...(cachePath === false ? {} : { cache: { cachePlugin: fileTokenCachePlugin(cachePath) } }),
  });
  const hint = `Check the tenant, that app ${options.clientId} allows public client flows, and that the code was approved in time.`;

  const toToken = (result: { accessToken: string; expiresOn: Date | null } | null): AccessToken => {
    if (result === null) throw new Error("MSAL returned no token.");
    return {
      token: result.accessToken,
      expiresOnTimestamp: result.expiresOn?.getTime() ?? Date.now() + 3_600_000,
    };
  };

  return cachingTokenProvider({
    async getToken(scope, getOptions) {
      try {
        const accounts: AccountInfo[] = await app.getTokenCache().getAllAccounts();
        const account = accounts[0];
        if (account !== undefined) {
          try {
            return toToken(
              await app.acquireTokenSilent({
                account,
                scopes: [scope],
                forceRefresh: getOptions?.forceRefresh === true,
              }),
            );
          } catch {
            // The refresh token expired or was revoked: fall back to an interactive sign-in.
          }
        }
        return toToken(
          await app.acquireTokenByDeviceCode({
            scopes: [scope],
            deviceCodeCallback: (response) =>
              options.onPrompt({
                userCode: response.userCode,
                verificationUri: response.verificationUri,
                message: response.message,
                expiresInSeconds: response.expiresIn,
              }),
          }),
        );
      } catch (error) {
        throw fromMsalError(error, hint);
      }
    },
  });
}
