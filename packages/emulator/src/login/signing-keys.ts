import { createHash, type webcrypto } from "node:crypto";
import { exportJWK, generateKeyPair, type JWK } from "jose";

/** The RSA key the token service signs with, and its public half as a JWK for `/discovery/v2.0/keys`. */
export interface SigningKeys {
  kid: string;
  privateKey: webcrypto.CryptoKey;
  publicKey: webcrypto.CryptoKey;
  jwk: JWK;
}

/** Makes a fresh RS256 signing key; `kid` is its RFC 7638 thumbprint, shortened as Entra's kids look. */
export async function createSigningKeys(): Promise<SigningKeys> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const pub = await exportJWK(publicKey);
  const kid = createHash("sha256")
    .update(JSON.stringify({ e: pub.e, kty: pub.kty, n: pub.n }))
    .digest("base64url")
    .slice(0, 27);
  return { kid, privateKey, publicKey, jwk: { ...pub, kid, use: "sig", alg: "RS256" } };
}
