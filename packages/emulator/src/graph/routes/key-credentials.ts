import { createHash, X509Certificate } from "node:crypto";
import { importX509, jwtVerify } from "jose";
import type { JsonObject } from "../../store/json.ts";
import { newKeyCredential } from "../entities/application.ts";
import { isoDate } from "../entities/shape.ts";
import { GraphError } from "../route.ts";
import { openPkcs12 } from "../trust-framework/pkcs12-key.ts";
import { invalidValue } from "./common.ts";

/** The audience of addKey/removeKey proof tokens: Azure AD Graph's app id (api-surface 10.3). */
const PROOF_AUDIENCE = "00000002-0000-0000-c000-000000000000";

function certificate(key: string): X509Certificate {
  try {
    return new X509Certificate(Buffer.from(key, "base64"));
  } catch {
    throw invalidValue("keyCredentials", "Application");
  }
}

/**
 * Completes a certificate credential as Graph does: the certificate must parse, the dates default to
 * its validity period and `customKeyIdentifier` to its SHA-1 thumbprint (the `x5t` clients send).
 */
export function certificateCredential(input: JsonObject, now: Date): JsonObject {
  // Encrypt: the certificate whose key custom authentication extensions encrypt to (tokenEncryptionKeyId).
  if (input.type !== "AsymmetricX509Cert" || !["Verify", "Sign", "Encrypt"].includes(String(input.usage))) {
    throw invalidValue("keyCredentials", "Application");
  }
  if (typeof input.key !== "string") throw invalidValue("keyCredentials", "Application");
  return withCertificateDates(input, input.key, certificate(input.key), now);
}

/**
 * An `X509CertAndPassword` signing credential of `addKey` (application-addkey, example 2): a .pfx
 * in `key` opened with `passwordCredential.secretText`. Only its public certificate is kept (the
 * private key and the password are never stored or served).
 */
export function pfxCredential(input: JsonObject, password: unknown, now: Date): JsonObject {
  if (input.usage !== "Sign" || typeof input.key !== "string" || typeof password !== "string")
    throw invalidValue("keyCredential", "Application");
  const opened = openPkcs12(input.key, password);
  if (typeof opened === "string") throw invalidValue("keyCredential", "Application");
  const der = opened.cert.raw.toString("base64");
  return withCertificateDates({ ...input, key: der }, der, opened.cert, now);
}

function withCertificateDates(input: JsonObject, key: string, cert: X509Certificate, now: Date): JsonObject {
  const withDates: JsonObject = {
    ...input,
    startDateTime: input.startDateTime ?? isoDate(new Date(cert.validFrom)),
    endDateTime: input.endDateTime ?? isoDate(new Date(cert.validTo)),
    customKeyIdentifier:
      input.customKeyIdentifier ?? createHash("sha1").update(Buffer.from(key, "base64")).digest("base64"),
  };
  return newKeyCredential(withDates, now);
}

/**
 * Checks an addKey/removeKey proof of possession: a JWT signed by one of the application's current
 * certificates, `aud` Azure AD Graph, `iss` the application's object id, valid now and for at most
 * ten minutes. Anything else is Graph's 400 (an app without a current certificate must PATCH instead).
 */
export async function verifyProof(proof: string, app: JsonObject, now: Date): Promise<void> {
  const current = (app.keyCredentials as JsonObject[]).filter(
    (k) =>
      typeof k.key === "string" && Date.parse(String(k.endDateTime)) > now.getTime() && k.usage === "Verify",
  );
  for (const k of current) {
    const pem = `-----BEGIN CERTIFICATE-----\n${String(k.key)
      .match(/.{1,64}/g)
      ?.join("\n")}\n-----END CERTIFICATE-----`;
    try {
      const publicKey = await importX509(pem, "RS256");
      const { payload } = await jwtVerify(proof, publicKey, {
        audience: PROOF_AUDIENCE,
        issuer: String(app.id),
        currentDate: now,
        algorithms: ["RS256"],
      });
      if (
        typeof payload.nbf === "number" &&
        typeof payload.exp === "number" &&
        payload.exp - payload.nbf <= 600
      )
        return;
    } catch {
      // try the next certificate
    }
  }
  throw new GraphError(
    400,
    "Request_BadRequest",
    "Invalid proof: it must be a JWT signed by a current certificate of the application, with aud 00000002-0000-0000-c000-000000000000, iss the application object id and a lifetime of at most 10 minutes.",
  );
}
