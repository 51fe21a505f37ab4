import { readFileSync } from "node:fs";
import { workloadIdentityCredential } from "../auth/client-assertion.ts";
import { clientCertificateCredential } from "../auth/client-certificate.ts";
import { clientSecretCredential } from "../auth/client-secret.ts";
import type { Cloud } from "../auth/clouds.ts";
import { chinaCloud, customCloud, globalCloud, usGovernmentCloud } from "../auth/clouds.ts";
import type { DeviceCodePrompt } from "../auth/device-code.ts";
import { deviceCodeCredential } from "../auth/device-code.ts";
import { CredentialConfigurationError } from "../auth/from-environment.ts";
import type { CredentialSource } from "../auth/sign-in-advice.ts";
import { legacyTokenCachePath } from "../auth/token-cache-file.ts";
import type { TokenProvider } from "../auth/token-provider.ts";
import type { Logger } from "../http/logger.ts";
import type { Profile, ProfileCloud } from "./profile-schema.ts";
import { configDir, profileTokenCachePath } from "./profile-store.ts";

/** The {@link Cloud} a profile points at; a custom cloud's CA file is read here. */
export function cloudFromProfile(cloud: ProfileCloud): Cloud {
  switch (cloud.kind) {
    case "global":
      return globalCloud;
    case "usgov":
      return usGovernmentCloud;
    case "china":
      return chinaCloud;
    case "custom": {
      let ca: string | undefined;
      if (cloud.caPath !== undefined) {
        try {
          ca = readFileSync(cloud.caPath, "utf8");
        } catch (error) {
          throw new CredentialConfigurationError(
            `Cannot read the CA file ${cloud.caPath}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
          );
        }
      }
      return customCloud({
        authorityHost: cloud.authorityHost,
        graphEndpoint: cloud.graphEndpoint,
        armEndpoint: cloud.armEndpoint,
        ...(ca === undefined ? {} : { ca }),
      });
    }
  }
}

/** Options of {@link credentialFromProfile}. */
export interface ProfileCredentialOptions {
  /** Where `AZURE_CLIENT_SECRET` is read for a secret profile without a stored secret; `process.env` by default. */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Shows the device code to the user (device-code profiles). Leave it out when nobody can answer:
   * a profile whose saved sign-in cannot be used then fails at once (`interaction_required`).
   */
  onPrompt?: ((prompt: DeviceCodePrompt) => void) | undefined;
  /** The configuration directory whose `token-cache/` holds device-code caches; {@link configDir} by default. */
  configDir?: string | undefined;
  /**
   * The cache file earlier versions shared between all profiles, from which a profile without a
   * cache of its own takes its account once (default `~/.ciamkit/msal-cache.json`); `false` for none.
   */
  legacyTokenCachePath?: string | false | undefined;
  logger?: Logger | undefined;
  /** Where the profile's values came from, for sign-in advice; the saved profile by default. */
  source?: CredentialSource | undefined;
}

/**
 * Builds the credential a profile refers to. A secret profile without a stored secret takes
 * `AZURE_CLIENT_SECRET`; if that is unset too, a {@link CredentialConfigurationError} says what to do.
 */
export function credentialFromProfile(
  profile: Profile,
  options: ProfileCredentialOptions = {},
): TokenProvider {
  const env = options.env ?? process.env;
  const common = {
    tenantId: profile.tenantId,
    clientId: profile.clientId,
    cloud: cloudFromProfile(profile.cloud),
    logger: options.logger,
    source: options.source ?? { kind: "profile", name: profile.name },
  };
  const reference = profile.credential;
  switch (reference.kind) {
    case "secret": {
      const secret = reference.secret ?? env.AZURE_CLIENT_SECRET?.trim();
      if (secret === undefined || secret === "") {
        throw new CredentialConfigurationError(
          `Profile '${profile.name}' stores no client secret: set AZURE_CLIENT_SECRET, or sign in again with \`ciam login --save-secret\`.`,
        );
      }
      return clientSecretCredential({ ...common, clientSecret: secret });
    }
    case "certificate":
      return clientCertificateCredential({
        ...common,
        certificatePath: reference.certificatePath,
        password: env.AZURE_CLIENT_CERTIFICATE_PASSWORD,
      });
    case "federated":
      return workloadIdentityCredential({ ...common, tokenFilePath: reference.tokenFilePath });
    case "device-code":
      return deviceCodeCredential({
        ...common,
        // Without onPrompt no device code is requested: a sign-in that needs a person fails at once.
        onPrompt: options.onPrompt,
        tokenCachePath:
          reference.tokenCachePath ??
          profileTokenCachePath(profile.name, options.configDir ?? configDir(env)),
        legacyTokenCachePath:
          reference.tokenCachePath === undefined
            ? (options.legacyTokenCachePath ?? legacyTokenCachePath())
            : false,
      });
  }
}
