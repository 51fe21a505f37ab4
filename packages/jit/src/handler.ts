import { bearerTokenChecker, InvalidTokenError, KeysUnavailableError } from "./bearer-token.ts";
import {
  type MigrationLogger,
  type PasswordMigrationHandlerOptions,
  resolveOptions,
} from "./handler-options.ts";
import {
  decryptPasswordContext,
  InvalidPasswordContextError,
  importDecryptionKey,
} from "./password-context.ts";
import { memoryReplayStore } from "./replay-store.ts";
import { passwordSubmitRequestSchema } from "./request-body.ts";
import { actionResponse, refusal } from "./response.ts";

/** A request body is a few kilobytes; anything far larger is not External ID calling. */
const MAX_BODY_BYTES = 64 * 1024;

/** A fetch-API request handler: Azure Functions v4, Deno, Bun, Hono, or node:http through `toNodeListener`. */
export type FetchHandler = (request: Request) => Promise<Response>;

const silent: MigrationLogger = { info() {}, warn() {} };

/** The body as text; `undefined` past `MAX_BODY_BYTES`, without reading the rest. */
async function readBody(request: Request): Promise<string | undefined> {
  if (Number(request.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) return undefined;
  if (request.body === null) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The endpoint of an `onPasswordSubmit` custom authentication extension (External ID's just-in-time
 * password migration): checks the bearer token (tenant's keys, issuer, audience, caller app, expiry,
 * single use), decrypts the password context with the extension app's private key, asks the verifier
 * and answers MigratePassword, Retry or Block with the context's nonce. Refusals are 400/401 with no
 * detail; the reason goes to `logger`. The password is never logged, returned or put in an error.
 */
export function createPasswordMigrationHandler(options: PasswordMigrationHandlerOptions): FetchHandler {
  const rules = resolveOptions(options);
  const key = importDecryptionKey(options.privateKey);
  const checkToken = bearerTokenChecker({ ...rules, fetch: options.fetch ?? globalThis.fetch });
  const replays = options.replayStore ?? memoryReplayStore();
  const log = options.logger ?? silent;
  const verify = options.verifier;
  const toleranceMs = rules.clockToleranceSeconds * 1000;

  const handle = async (request: Request, deadline: AbortSignal, started: number): Promise<Response> => {
    const remaining = () => Math.max(1, Math.floor(rules.timeBudgetMs - (performance.now() - started)));
    if (request.method !== "POST") return refusal(405);
    const bearer = /^Bearer\s+([\w-]+\.[\w-]+\.[\w-]+)\s*$/i.exec(request.headers.get("authorization") ?? "");
    if (bearer?.[1] === undefined) {
      log.warn("refused: no bearer token", {});
      return refusal(401);
    }
    let tokenId: string;
    try {
      const token = await checkToken(bearer[1], remaining());
      tokenId = token.id;
      if (!(await replays.add(`token:${token.id}`, token.expiresAt + toleranceMs))) {
        log.warn("refused: token already used", { tokenId });
        return refusal(401);
      }
    } catch (error) {
      if (error instanceof KeysUnavailableError) {
        log.warn("unavailable: the tenant's signing keys could not be read", { reason: error.message });
        return refusal(503);
      }
      log.warn("refused: invalid token", {
        reason: error instanceof InvalidTokenError ? error.message : "unreadable",
      });
      return refusal(401);
    }

    const text = await readBody(request).catch(() => null);
    if (text === undefined || text === null) {
      log.warn("refused: body too large or unreadable", { tokenId });
      return refusal(text === undefined ? 413 : 400);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      log.warn("refused: body is not JSON", { tokenId });
      return refusal(400);
    }
    const body = passwordSubmitRequestSchema.safeParse(json);
    if (!body.success) {
      const fields = body.error.issues.map((i) => i.path.join("."));
      log.warn("refused: body is not a passwordSubmit call", { tokenId, fields });
      return refusal(400);
    }
    const data = body.data.data;
    const user = data.authenticationContext.user;
    const correlationId = data.authenticationContext.correlationId;
    const about = { correlationId, userId: user.id, tokenId };

    let context: Awaited<ReturnType<typeof decryptPasswordContext>>;
    try {
      context = await decryptPasswordContext(data.encryptedPasswordContext, key, rules.clockToleranceSeconds);
    } catch (error) {
      const reason = error instanceof InvalidPasswordContextError ? error.message : "undecryptable";
      log.warn("refused: password context not readable", { ...about, reason });
      return refusal(400);
    }
    if (!(await replays.add(`nonce:${context.nonce}`, Date.now() + 10 * 60_000))) {
      log.warn("refused: nonce already used", about);
      return refusal(400);
    }

    // A verifier that fails or runs out of time gets 503, not Retry: Retry tells the user their
    // password is wrong when the old system merely could not answer. External ID treats a non-200 as
    // a failed call (the sign-in fails, nothing is migrated) and retries it up to maximumRetries;
    // Microsoft's sample answers 500 on an unexpected error likewise.
    let verdict: Awaited<ReturnType<typeof verify>>;
    try {
      verdict = await verify({
        password: context.password,
        user,
        context: data.authenticationContext,
        signal: AbortSignal.any([deadline, request.signal]),
      });
    } catch (error) {
      const reason = deadline.aborted ? "time budget spent" : error instanceof Error ? error.name : "failure";
      log.warn("unavailable: the verifier failed", { ...about, reason });
      return refusal(503);
    }
    if (deadline.aborted) return refusal(503);
    switch (verdict.result) {
      case "valid":
        log.info("MigratePassword", about);
        return actionResponse("MigratePassword", context.nonce);
      case "block":
        log.info("Block", about);
        return actionResponse("Block", context.nonce, verdict);
      case "invalid":
        log.info("Retry", about);
        return actionResponse("Retry", context.nonce, verdict);
      default:
        log.warn("unavailable: the verifier answered something else", about);
        return refusal(503);
    }
  };

  return async (request) => {
    const started = performance.now();
    const deadline = AbortSignal.timeout(rules.timeBudgetMs);
    let onTimeout: (() => void) | undefined;
    const outOfTime = new Promise<Response>((resolve) => {
      onTimeout = () => {
        log.warn("unavailable: time budget spent", { budgetMs: rules.timeBudgetMs });
        resolve(refusal(503));
      };
      deadline.addEventListener("abort", onTimeout, { once: true });
    });
    const answer = handle(request, deadline, started).catch(() => {
      log.warn("unavailable: unexpected failure", {});
      return refusal(503);
    });
    try {
      return await Promise.race([answer, outOfTime]);
    } finally {
      if (onTimeout !== undefined) deadline.removeEventListener("abort", onTimeout);
    }
  };
}
