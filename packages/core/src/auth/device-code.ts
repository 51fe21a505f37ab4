import type { AccountInfo, AuthenticationResult } from "@azure/msal-node";
import { InteractionRequiredAuthError, PublicClientApplication } from "@azure/msal-node";
import { AuthenticationError } from "../http/errors.ts";
import type { CredentialOptions } from "./msal-config.ts";
import { msalConfiguration } from "./msal-config.ts";
import { fromMsalError } from "./msal-errors.ts";
import { defaultTokenCachePath, fileTokenCachePlugin, legacyTokenCachePath } from "./token-cache-file.ts";
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
  /**
   * Shows the code to the user (the CLI prints it to stderr on a terminal). Leave it out when nobody
   * can answer (a script, CI, a service): a sign-in that needs a person then fails at once with an
   * {@link AuthenticationError} (`interaction_required`) instead of requesting a device code and
   * waiting for an approval that never comes.
   */
  onPrompt?: ((prompt: DeviceCodePrompt) => void) | undefined;
  /**
   * The token cache file; `false` keeps the cache in memory only. Default: one file per authority
   * and client, {@link defaultTokenCachePath} (profiles use one per profile).
   */
  tokenCachePath?: string | false | undefined;
  /**
   * A cache file shared by earlier versions (default `~/.ciamkit/msal-cache.json` when
   * `tokenCachePath` is not given): while the own cache file does not exist, this client's
   * single account is taken from it so an upgrade does not force a new sign-in. `false` for none.
   */
  legacyTokenCachePath?: string | false | undefined;
}

// MSAL answers these when the cached sign-in cannot be used silently: no refresh token, or the
// token service refused it (invalid_grant: expired, revoked, AADSTS50173/700082). Anything else
// (network, 5xx) is a real failure and must not turn into a new prompt.
const SIGN_IN_AGAIN = new Set(["invalid_grant", "no_tokens_found", "token_refresh_required"]);

function needsSignIn(error: unknown): boolean {
  if (error instanceof InteractionRequiredAuthError) return true;
  const code = (error as { errorCode?: unknown } | null)?.errorCode;
  return typeof code === "string" && SIGN_IN_AGAIN.has(code);
}

/**
 * Delegated sign-in for an administrator with the device code flow (public client). Tokens and the
 * refresh token are cached on disk (owner-only). The refresh token is Entra's multi-resource one:
 * after one sign-in, tokens for Graph and ARM come silently (MSAL's `acquireTokenSilent`), in this
 * run and the next, until the refresh token expires or is revoked; then the user is prompted again.
 */
export function deviceCodeCredential(options: DeviceCodeCredentialOptions): TokenProvider {
  const setup = msalConfiguration(options, {});
  const cachePath =
    options.tokenCachePath === undefined
      ? defaultTokenCachePath(setup.authority, options.clientId)
      : options.tokenCachePath;
  const legacy =
    options.legacyTokenCachePath ?? (options.tokenCachePath === undefined ? legacyTokenCachePath() : false);
  const migrate =
    legacy === false
      ? undefined
      : { from: legacy, clientId: options.clientId, environment: new URL(setup.authority).host };
  const app = new PublicClientApplication({
    ...setup.config,
    ...(cachePath === false ? {} : { cache: { cachePlugin: fileTokenCachePlugin(cachePath, migrate) } }),
  });
  const hint = `Check the tenant, that app ${options.clientId} allows public client flows, and that the code was approved in time.`;

  const toToken = (result: AuthenticationResult | null): AccessToken => {
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
          } catch (error) {
            if (!needsSignIn(error)) throw error;
          }
        }
        const onPrompt = options.onPrompt;
        if (onPrompt === undefined) throw signInNeeded(options);
        const result = await app.acquireTokenByDeviceCode({
          scopes: [scope],
          deviceCodeCallback: (response) =>
            onPrompt({
              userCode: response.userCode,
              verificationUri: response.verificationUri,
              message: response.message,
              expiresInSeconds: response.expiresIn,
            }),
        });
        // One sign-in per cache: the account just signed in replaces any earlier one (a revoked or
        // other user's), so the next run uses it rather than whichever MSAL lists first.
        const cache = app.getTokenCache();
        for (const old of await cache.getAllAccounts()) {
          if (old.homeAccountId !== result?.account?.homeAccountId) await cache.removeAccount(old);
        }
        return toToken(result);
      } catch (error) {
        throw fromMsalError(error, hint);
      }
    },
    close: setup.close,
  });
}

/**
 * The error of a non-interactive run whose saved sign-in cannot be used (none yet, refused, expired):
 * what `az` says in the same place ("run `az login`"), with the profile when there is one.
 */
function signInNeeded(options: DeviceCodeCredentialOptions): AuthenticationError {
  const source = options.source;
  const profile = source?.kind === "profile" ? source.name : undefined;
  const login =
    profile === undefined
      ? "`ciam login`"
      : `\`ciam login --profile ${profile} --tenant ${options.tenantId} --client-id ${options.clientId}\``;
  const what = profile === undefined ? "the saved sign-in" : `the saved sign-in of profile '${profile}'`;
  return new AuthenticationError({
    service: "login",
    status: 401,
    code: "interaction_required",
    message: `Sign-in failed (interaction_required): ${what} cannot be used (none yet, expired or revoked), and this run has no terminal to show a device code on. Run ${login} in a terminal, then retry.`,
  });
}
