import { z } from "zod";
import { CUSTOM_EXTENSIONS_CALLER_APP_ID } from "./bearer-token.ts";
import type { DecryptionKey } from "./password-context.ts";
import type { ReplayStore } from "./replay-store.ts";
import type { PasswordVerifier } from "./verifiers/verifier.ts";

/** What the handler tells a logger: events without the password, the token or the context. */
export interface MigrationLogger {
  info(message: string, details: Record<string, unknown>): void;
  warn(message: string, details: Record<string, unknown>): void;
}

/** Options of {@link createPasswordMigrationHandler}. */
export interface PasswordMigrationHandlerOptions {
  /** The External ID tenant's id (GUID). */
  tenantId: string;
  /**
   * What the token's `aud` must be: the extension app's app id, its resource URI
   * (`api://<host>/<appId>`, the custom extension's `resourceId`), or both.
   */
  audience: string | string[];
  /** The private key of the certificate whose public key the extension app encrypts with. */
  privateKey: DecryptionKey;
  verifier: PasswordVerifier;
  /** Default `https://<tenantId>.ciamlogin.com/<tenantId>/v2.0/.well-known/openid-configuration`. */
  discoveryUrl?: string;
  /** The tenant's key set; with `issuer` too, the discovery document is not read. */
  jwksUrl?: string;
  /** Accepted `iss` values; default the discovery document's issuer. */
  issuer?: string | string[];
  /** Accepted caller apps (`azp`/`appid`); default the custom authentication extensions service. */
  authorizedParty?: string | string[];
  /** Whole-call budget in ms, below the extension's `timeoutInMilliseconds` (2000 by default); default 1500. */
  timeBudgetMs?: number;
  /** Tolerated clock difference for `exp`/`nbf`, seconds; default 30. */
  clockToleranceSeconds?: number;
  /** Default {@link memoryReplayStore}: one instance only. */
  replayStore?: ReplayStore;
  logger?: MigrationLogger;
  /** Used to read the discovery document and key set; default the global `fetch`. */
  fetch?: typeof fetch;
}

const stringList = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const optionsSchema = z.object({
  tenantId: z
    .string()
    .regex(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
      "expected the tenant id (a GUID)",
    ),
  audience: stringList,
  discoveryUrl: z.url({ protocol: /^https?$/ }).optional(),
  jwksUrl: z.url({ protocol: /^https?$/ }).optional(),
  issuer: stringList.optional(),
  authorizedParty: stringList.optional(),
  timeBudgetMs: z.number().int().min(100).max(10_000).optional(),
  clockToleranceSeconds: z.number().int().min(0).max(300).optional(),
});

/** The options with their defaults, checked once when the handler is created. */
export interface ResolvedOptions {
  tenantId: string;
  audience: string[];
  discoveryUrl: string;
  jwksUrl: string | undefined;
  issuer: string[] | undefined;
  authorizedParty: string[];
  timeBudgetMs: number;
  clockToleranceSeconds: number;
}

const list = (value: string | string[]): string[] => (typeof value === "string" ? [value] : value);

/** Checks the plain options; a mistake fails at start-up with the option's name, not at the first sign-in. */
export function resolveOptions(options: PasswordMigrationHandlerOptions): ResolvedOptions {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "options"}: ${i.message}`);
    throw new TypeError(`createPasswordMigrationHandler: ${issues.join("; ")}`);
  }
  if (typeof options.verifier !== "function") {
    throw new TypeError(
      "createPasswordMigrationHandler: verifier: expected a verifier (b2cRopcVerifier, hashVerifier, callbackVerifier)",
    );
  }
  const o = parsed.data;
  return {
    tenantId: o.tenantId.toLowerCase(),
    audience: list(o.audience),
    discoveryUrl:
      o.discoveryUrl ??
      `https://${o.tenantId}.ciamlogin.com/${o.tenantId}/v2.0/.well-known/openid-configuration`,
    jwksUrl: o.jwksUrl,
    issuer: o.issuer === undefined ? undefined : list(o.issuer),
    authorizedParty:
      o.authorizedParty === undefined ? [CUSTOM_EXTENSIONS_CALLER_APP_ID] : list(o.authorizedParty),
    timeBudgetMs: o.timeBudgetMs ?? 1500,
    clockToleranceSeconds: o.clockToleranceSeconds ?? 30,
  };
}
