import { createHash, generateKeyPairSync, randomBytes, X509Certificate } from "node:crypto";
import type { Json, JsonObject } from "../../store/json.ts";
import { GraphError } from "../route.ts";

/**
 * `trustFrameworkKey` (beta): a JWK (RFC 7517) whose secret members (`k`, `d`, `p`, `q`, `dp`, `dq`,
 * `qi`) the service never returns (api-surface 9.2). Every member of the beta type is present,
 * null when unset.
 */
export const KEY_MEMBERS = [
  "d",
  "dp",
  "dq",
  "e",
  "exp",
  "k",
  "kid",
  "kty",
  "n",
  "nbf",
  "p",
  "q",
  "qi",
  "status",
  "use",
  "x5c",
  "x5t",
] as const;
const SECRET = new Set(["k", "d", "p", "q", "dp", "dq", "qi"]);

const bad = (message: string) => new GraphError(400, "AADB2C", message);

/** A key as served: public members only. */
export function publicKey(key: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const m of KEY_MEMBERS) out[m] = SECRET.has(m) ? null : ((key[m] ?? null) as Json);
  return out;
}

function epoch(value: Json | undefined, name: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0)
    throw bad(`'${name}' must be seconds since the epoch (an integer).`);
  return value;
}

function use(value: Json | undefined): "sig" | "enc" {
  if (value !== "sig" && value !== "enc") throw bad("'use' must be 'sig' or 'enc'.");
  return value;
}

const kid = (): string => randomBytes(24).toString("base64url");

/** `generateKey`: an RSA key pair (public members kept, the private half discarded) or a random symmetric secret. */
export function generateKey(body: JsonObject): JsonObject {
  const kty = String(body.kty ?? "").toUpperCase();
  const common = {
    kid: kid(),
    use: use(body.use),
    nbf: epoch(body.nbf, "nbf"),
    exp: epoch(body.exp, "exp"),
    status: "enabled",
  };
  if (kty === "RSA") {
    const { publicKey: pub } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const jwk = pub.export({ format: "jwk" });
    return { ...common, kty: "RSA", n: jwk.n ?? null, e: jwk.e ?? null };
  }
  if (kty === "OCT") return { ...common, kty: "OCT" };
  throw bad("'kty' must be 'RSA' or 'OCT'.");
}

/** `uploadSecret`: a symmetric key; the secret `k` is kept only as a fingerprint, never returned. */
export function secretKey(body: JsonObject): { key: JsonObject; secret: string } {
  const k = body.k;
  if (typeof k !== "string" || k === "") throw bad("'k' (the secret) is required.");
  return {
    key: {
      kid: kid(),
      use: use(body.use),
      kty: "OCT",
      nbf: epoch(body.nbf, "nbf"),
      exp: epoch(body.exp, "exp"),
      status: "enabled",
    },
    secret: k,
  };
}

/** `uploadCertificate`: the public certificate (base64 DER or PEM) as an RSA signing key with `x5c`, `x5t`, validity. */
export function certificateKey(body: JsonObject): JsonObject {
  const raw = body.key;
  if (typeof raw !== "string" || raw.trim() === "") throw bad("'key' (the base64 .cer content) is required.");
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(
      raw.includes("BEGIN CERTIFICATE") ? raw : Buffer.from(raw.replace(/\s+/g, ""), "base64"),
    );
  } catch {
    throw bad("'key' is not an X.509 certificate (base64 DER or PEM).");
  }
  return keyFromCertificate(cert);
}

/** An RSA signing key from a certificate: its public members, `x5c`, `x5t` and the certificate's validity. */
export function keyFromCertificate(cert: X509Certificate): JsonObject {
  const jwk = cert.publicKey.export({ format: "jwk" });
  if (jwk.kty !== "RSA") throw bad("Only RSA certificates can be used as policy keys.");
  return {
    kid: kid(),
    use: "sig",
    kty: "RSA",
    n: jwk.n ?? null,
    e: jwk.e ?? null,
    x5c: [cert.raw.toString("base64")],
    x5t: createHash("sha1").update(cert.raw).digest("base64url"),
    nbf: Math.floor(Date.parse(cert.validFrom) / 1000),
    exp: Math.floor(Date.parse(cert.validTo) / 1000),
    status: "enabled",
  };
}

/** The key policies use now: the newest enabled key whose validity covers `now`. */
export function activeKey(keys: readonly JsonObject[], now: Date): JsonObject | undefined {
  const t = Math.floor(now.getTime() / 1000);
  return [...keys]
    .reverse()
    .find(
      (k) =>
        k.status === "enabled" &&
        (k.nbf === null || Number(k.nbf) <= t) &&
        (k.exp === null || Number(k.exp) > t),
    );
}

/**
 * A key as a client writes it in `PUT /keySets/{id}` (JWK members, api-surface 9.2): `kty` and `use`
 * required; the secret members are taken as the key material and returned as secret, never stored here.
 */
export function suppliedKey(input: Json): { key: JsonObject; secret: string | undefined } {
  if (input === null || typeof input !== "object" || Array.isArray(input))
    throw bad("Each key must be a JSON Web Key object.");
  const kty = String(input.kty ?? "").toUpperCase();
  if (kty !== "RSA" && kty !== "OCT") throw bad("'kty' must be 'RSA' or 'OCT'.");
  const key: JsonObject = {
    kid: typeof input.kid === "string" && input.kid !== "" ? input.kid : kid(),
    kty,
    use: use(input.use),
    nbf: epoch(input.nbf, "nbf"),
    exp: epoch(input.exp, "exp"),
    status: input.status === "disabled" ? "disabled" : "enabled",
  };
  for (const m of ["e", "n", "x5t"] as const) if (typeof input[m] === "string") key[m] = input[m];
  if (Array.isArray(input.x5c)) key.x5c = input.x5c.filter((c): c is string => typeof c === "string");
  const secret = [...SECRET].map((m) => input[m]).find((v): v is string => typeof v === "string" && v !== "");
  if (kty === "OCT" && secret === undefined) throw bad("An OCT key needs its secret in 'k'.");
  return { key, secret };
}
