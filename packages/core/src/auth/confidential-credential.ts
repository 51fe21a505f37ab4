import type { Configuration } from "@azure/msal-node";
import { ConfidentialClientApplication } from "@azure/msal-node";
import { emit } from "../http/logger.ts";
import type { CredentialOptions } from "./msal-config.ts";
import { msalConfiguration } from "./msal-config.ts";
import { fromMsalError } from "./msal-errors.ts";
import { type ProofKind, signInAdvice } from "./sign-in-advice.ts";
import type { TokenProvider } from "./token-provider.ts";
import { cachingTokenProvider } from "./token-provider.ts";

/**
 * An app-only credential over MSAL's `ConfidentialClientApplication` (client credentials grant),
 * behind the shared cache (one in-flight request per scope, refresh before expiry).
 */
export function confidentialCredential(
  options: CredentialOptions,
  auth: Partial<Configuration["auth"]>,
  kind: ProofKind,
): TokenProvider {
  const setup = msalConfiguration(options, auth);
  const app = new ConfidentialClientApplication(setup.config);
  const hint = signInAdvice(options.source, kind, options);
  return cachingTokenProvider({
    async getToken(scope, getOptions) {
      try {
        const result = await app.acquireTokenByClientCredential({
          scopes: [scope],
          skipCache: getOptions?.forceRefresh === true,
        });
        if (result === null) throw new Error("MSAL returned no token.");
        emit(options.logger, {
          level: "debug",
          event: "auth.token",
          message: `token for ${scope} (${result.fromCache ? "cache" : "token service"})`,
        });
        return {
          token: result.accessToken,
          expiresOnTimestamp: result.expiresOn?.getTime() ?? Date.now() + 3_600_000,
          refreshAfterTimestamp: result.refreshOn?.getTime(),
        };
      } catch (error) {
        throw fromMsalError(error, hint);
      }
    },
    close: setup.close,
  });
}
