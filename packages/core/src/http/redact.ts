/**
 * Redaction of secrets from anything ciamkit logs or puts into an error: headers, URLs (query
 * strings carry `client_secret`, `code`, … in OAuth flows) and free text (bearer tokens, JWTs).
 */

const REDACTED = "REDACTED";

/** Header names whose values are never shown. */
const SECRET_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-ms-client-secret",
  "x-api-key",
]);

/** Query or form parameter names whose values are never shown (OAuth 2.0, OIDC, SAS). */
const SECRET_PARAMS = new Set([
  "client_secret",
  "client_assertion",
  "assertion",
  "code",
  "device_code",
  "password",
  "access_token",
  "refresh_token",
  "id_token",
  "token",
  "secret",
  "secrettext",
  "sig",
  "key",
]);

/** Whether a query/form/JSON field name holds a secret. */
export function isSecretName(name: string): boolean {
  const lower = name.toLowerCase();
  return SECRET_PARAMS.has(lower) || /secret|password|token|assertion|private.?key/.test(lower);
}

/** A copy of the headers as a plain object with secret values replaced. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : redactText(value);
  });
  return out;
}

/** The URL with the values of secret query parameters replaced; user info is dropped. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactText(url);
  }
  parsed.username = "";
  parsed.password = "";
  for (const name of [...parsed.searchParams.keys()]) {
    if (isSecretName(name)) parsed.searchParams.set(name, REDACTED);
  }
  return parsed.toString();
}

// Bearer tokens, JWTs (three base64url segments starting with `eyJ`), and `name=value` pairs of secret fields.
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const PAIR =
  /\b(client_secret|client_assertion|assertion|code|device_code|password|access_token|refresh_token|id_token|secretText)(["']?\s*[=:]\s*["']?)([^&"'\s,}]+)/gi;

/** Text with bearer tokens, JWTs and `secret=value` pairs replaced. */
export function redactText(text: string): string {
  return text
    .replace(BEARER, (_m, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(PAIR, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`);
}
