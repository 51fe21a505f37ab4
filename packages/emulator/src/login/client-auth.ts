import { createHash, X509Certificate } from "node:crypto";
import { decodeProtectedHeader, errors, jwtVerify } from "jose";
import type { JsonObject } from "../store/json.ts";
import { type SecretHash, verifySecret } from "../store/secrets.ts";
import type { TenantState } from "../store/store.ts";
import { AadstsError, aadsts } from "./aadsts.ts";

const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** How a confidential client proved itself: `1` secret, `2` certificate (the `appidacr` claim). */
export type ClientAuthMethod = "1" | "2";

/**
 * Remembers client assertion `jti`s until their `exp`, so a replayed assertion is refused
 * (RFC 7523 section 3 lets the server reject a reused `jti`).
 */
export class AssertionReplayCache {
  readonly #seen = new Map<string, number>();

  /** False when `jti` was already used by `clientId`; records it otherwise. */
  claim(clientId: string, jti: string, expMs: number, nowMs: number): boolean {
    if (this.#seen.size > 10_000) {
      for (const [key, exp] of this.#seen) if (exp <= nowMs) this.#seen.delete(key);
    }
    const key = `${clientId}\0${jti}`;
    const exp = this.#seen.get(key);
    if (exp !== undefined && exp > nowMs) return false;
    this.#seen.set(key, expMs);
    return true;
  }
}

/** The form fields of a confidential client's credential. */
export interface ClientCredentialForm {
  clientId: string;
  clientSecret: string | undefined;
  assertionType: string | undefined;
  assertion: string | undefined;
}

/**
 * Authenticates a confidential client against its application registration: a client secret
 * (checked against the `_credentials` hashes, with expiry) or a client assertion signed by a
 * certificate in the app's `keyCredentials`. Throws an {@link AadstsError} the way Entra answers.
 */
export async function authenticateClient(
  tenant: TenantState,
  app: JsonObject,
  form: ClientCredentialForm,
  acceptedAudiences: readonly string[],
  replay: AssertionReplayCache,
  now: Date,
): Promise<ClientAuthMethod> {
  if (form.clientSecret !== undefined && form.assertion !== undefined) {
    throw new AadstsError(
      400,
      "invalid_request",
      90014,
      "Only one of 'client_secret' and 'client_assertion' may be presented.",
    );
  }
  if (form.clientSecret !== undefined) {
    checkSecret(tenant, app, form.clientId, form.clientSecret, now);
    return "1";
  }
  if (form.assertion !== undefined) {
    if (form.assertionType !== JWT_BEARER) {
      throw new AadstsError(
        400,
        "invalid_request",
        700015,
        `The provided value for the input parameter 'client_assertion_type' is not valid. Expected '${JWT_BEARER}'.`,
      );
    }
    await checkAssertion(app, form.clientId, form.assertion, acceptedAudiences, replay, now);
    return "2";
  }
  throw aadsts.missingCredential();
}

function checkSecret(
  tenant: TenantState,
  app: JsonObject,
  clientId: string,
  secret: string,
  now: Date,
): void {
  for (const cred of tenant.collection("_credentials").values()) {
    if (cred.appObjectId !== app.id || cred.type !== "Password") continue;
    if (!verifySecret(secret, cred.secret as unknown as SecretHash)) continue;
    if (typeof cred.endDateTime === "string" && Date.parse(cred.endDateTime) <= now.getTime()) {
      throw aadsts.expiredSecret(clientId);
    }
    return;
  }
  throw aadsts.invalidSecret(clientId);
}

async function checkAssertion(
  app: JsonObject,
  clientId: string,
  assertion: string,
  acceptedAudiences: readonly string[],
  replay: AssertionReplayCache,
  now: Date,
): Promise<void> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    throw aadsts.badAssertion(50027, "JWT token is invalid or malformed.");
  }
  const s256 = typeof header["x5t#S256"] === "string" ? header["x5t#S256"] : undefined;
  const s1 = typeof header.x5t === "string" ? header.x5t : undefined;
  const key = findCertificate(app, s256, s1, now);
  if (key === undefined) {
    throw aadsts.badAssertion(
      700027,
      `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${s256 ?? s1 ?? ""}']`,
    );
  }
  let payload: { jti?: unknown; exp?: unknown };
  try {
    ({ payload } = await jwtVerify(assertion, key.publicKey, {
      algorithms: ["RS256", "PS256"],
      currentDate: now,
      clockTolerance: 300,
    }));
  } catch (err) {
    if (err instanceof errors.JWTExpired || err instanceof errors.JWTClaimValidationFailed) {
      throw aadsts.badAssertion(700024, "Client assertion is not within its valid time range.");
    }
    throw aadsts.badAssertion(700027, "Client assertion contains an invalid signature.");
  }
  const claims = payload as { iss?: unknown; sub?: unknown; aud?: unknown; jti?: unknown; exp?: unknown };
  if (claims.iss !== clientId || claims.sub !== clientId) {
    throw aadsts.badAssertion(
      700021,
      "Client assertion application identifier doesn't match 'client_id' parameter.",
    );
  }
  const auds = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!auds.some((a) => typeof a === "string" && acceptedAudiences.includes(a))) {
    throw aadsts.badAssertion(700023, "Client assertion audience claim does not match Realm issuer.");
  }
  if (typeof claims.exp !== "number") {
    throw aadsts.badAssertion(700024, "Client assertion is not within its valid time range.");
  }
  if (typeof claims.jti !== "string" || claims.jti === "") {
    throw aadsts.badAssertion(50027, "JWT token is invalid or malformed: the 'jti' claim is missing.");
  }
  if (!replay.claim(clientId, claims.jti, claims.exp * 1000, now.getTime())) {
    throw aadsts.badAssertion(
      700027,
      "Client assertion has already been used: an assertion's 'jti' may be presented once only.",
    );
  }
}

function findCertificate(
  app: JsonObject,
  s256: string | undefined,
  s1: string | undefined,
  now: Date,
): X509Certificate | undefined {
  const creds = Array.isArray(app.keyCredentials) ? app.keyCredentials : [];
  for (const c of creds) {
    if (typeof c !== "object" || c === null || Array.isArray(c)) continue;
    if (typeof c.key !== "string" || c.usage === "Sign") continue;
    if (typeof c.endDateTime === "string" && Date.parse(c.endDateTime) <= now.getTime()) continue;
    const der = Buffer.from(c.key, "base64");
    const matches =
      (s256 !== undefined && createHash("sha256").update(der).digest("base64url") === s256) ||
      (s1 !== undefined && createHash("sha1").update(der).digest("base64url") === s1);
    if (!matches) continue;
    try {
      return new X509Certificate(der);
    } catch {
      // A key that is not a DER certificate cannot sign anything; keep looking.
    }
  }
  return undefined;
}
