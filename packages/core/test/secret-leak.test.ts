import { describe, expect, it } from "vitest";
import { clientSecretCredential } from "../src/auth/client-secret.ts";
import type { AccessToken, TokenProvider } from "../src/auth/token-provider.ts";
import { createCiamClient } from "../src/client.ts";
import { addPasswordOperation } from "../src/graph/applications/add-password.ts";
import { createApplicationOperation } from "../src/graph/applications/create-application.ts";
import { createGroupOperation } from "../src/graph/groups/create-group.ts";
import { createUserOperation } from "../src/graph/users/create-user.ts";
import { getUserOperation } from "../src/graph/users/get-user.ts";
import { listUsersOperation } from "../src/graph/users/list-users.ts";
import { isApiError } from "../src/http/errors.ts";
import type { LogEntry } from "../src/http/logger.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";
import { limitedClient } from "./helpers/limited-app.ts";

const { t } = useCoreEmulator({ emulator: { deviceCode: { intervalSeconds: 1 } } });

/**
 * Runs the core's scenarios (success, 403, 404, 409, 429, dropped connection, bad credentials, a
 * secret in a query string) with a recognisable secret, password and the issued tokens, capturing
 * every log line, error message and error toJSON(); none may contain them.
 */
describe("secrets never leak", () => {
  it("into log lines, error messages or error JSON", async () => {
    const logs: LogEntry[] = [];
    const errors: unknown[] = [];
    const tokens: string[] = [];
    const logger = (entry: LogEntry) => logs.push(entry);
    const recording = (inner: TokenProvider): TokenProvider => ({
      async getToken(scope, options): Promise<AccessToken> {
        const token = await inner.getToken(scope, options);
        tokens.push(token.token);
        return token;
      },
    });
    const secret = t.tenant.clientSecret;
    const password = "Recognisable!Passw0rd-7f3c";
    const credential = recording(
      clientSecretCredential({
        tenantId: t.tenant.tenantId,
        clientId: t.tenant.clientId,
        clientSecret: secret,
        cloud: t.cloud,
        logger,
      }),
    );
    const client = createCiamClient({
      credential,
      tenantId: t.tenant.tenantId,
      cloud: t.cloud,
      logger,
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
      readAfterWrite: { delayMs: 5 },
    });
    const capture = async (work: () => Promise<unknown>) => {
      try {
        return await work();
      } catch (error) {
        errors.push(error);
        return undefined;
      }
    };

    // success, conflict, not found
    await capture(() =>
      client.run(createUserOperation, { displayName: "Leak Test", signInName: "leak@example.com", password }),
    );
    await capture(() =>
      client.run(createUserOperation, { displayName: "Leak Test", signInName: "leak@example.com", password }),
    );
    await capture(() => client.run(getUserOperation, { id: "00000000-0000-4000-8000-00000000beef" }));
    await capture(() => client.run(listUsersOperation, { limit: 3 }));
    // a new client secret (returned once as output, never logged)
    const app = (await capture(() =>
      client.run(createApplicationOperation, { displayName: "leak app" }),
    )) as { id: string };
    const newSecret = (await capture(() => client.run(addPasswordOperation, { id: app.id }))) as {
      secretText: string;
    };
    // a secret in a query string (a caller mistake) and in a path
    await capture(() => client.graph.get("/users", { query: { client_secret: secret, password } }));
    // throttled with no retries, dropped connection, 503
    await t.control("PUT", "/throttling", { enabled: true, timeScale: 150, limits: { appTenantWrites: 1 } });
    const impatient = createCiamClient({
      credential,
      tenantId: t.tenant.tenantId,
      cloud: t.cloud,
      logger,
      retry: { maxRetries: 0 },
    });
    for (let i = 0; i < 3; i++)
      await capture(() => impatient.run(createGroupOperation, { displayName: `leak ${i}` }));
    await t.control("PUT", "/throttling", { enabled: false });
    await t.control("PUT", "/faults", {
      rules: [{ method: "POST", path: "/users", fault: { kind: "drop", when: "after" }, times: 1 }],
    });
    await capture(() =>
      client.run(createUserOperation, {
        displayName: "Dropped",
        signInName: "dropped@example.com",
        password,
      }),
    );
    await t.control("DELETE", "/faults");
    // permission denied
    const limited = await limitedClient(t, client, []);
    await capture(() =>
      limited.client.run(createUserOperation, {
        displayName: "Denied",
        signInName: "denied@example.com",
        password,
      }),
    );
    // a wrong secret (close to the real one) and MSAL's own logging
    const wrongSecret = `${secret.slice(0, -4)}XXXX`;
    const wrong = clientSecretCredential({
      tenantId: t.tenant.tenantId,
      clientId: t.tenant.clientId,
      clientSecret: wrongSecret,
      cloud: t.cloud,
      logger,
    });
    await capture(() => wrong.getToken("https://graph.microsoft.com/.default"));

    expect(new Set(errors.map((e) => (e as Error).name))).toEqual(
      new Set([
        "ConflictError",
        "NotFoundError",
        "ThrottledError",
        "ConnectionError",
        "PermissionError",
        "AuthenticationError",
      ]),
    );
    expect(errors.every((e) => isApiError(e))).toBe(true);
    expect(tokens.length).toBeGreaterThan(0);
    expect(logs.some((l) => l.level === "warn")).toBe(true);

    const haystack = [
      ...logs.map((l) => JSON.stringify(l)),
      ...errors.map((e) => (e as Error).message),
      ...errors.map((e) => JSON.stringify(e)),
      ...errors.map((e) => String((e as Error).stack)),
    ].join("\n");
    const needles = [secret, wrongSecret, password, newSecret.secretText, ...new Set(tokens)];
    const names = [
      "client secret",
      "wrong secret",
      "user password",
      "new client secret",
      ...new Set(tokens),
    ].map((n, i) => (i < 4 ? n : `token #${i - 3}`));
    needles.forEach((needle, i) => {
      expect(needle.length).toBeGreaterThan(10);
      expect(haystack.includes(needle), `leaked the ${names[i]}`).toBe(false);
    });
    // Parts of a token (its signature) must not leak either.
    for (const token of new Set(tokens)) expect(haystack.includes(token.split(".")[2] as string)).toBe(false);
    await Promise.all([client.close(), impatient.close(), limited.client.close()]);
  });
});
