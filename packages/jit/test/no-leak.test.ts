import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { callbackVerifier, createPasswordMigrationHandler, toNodeListener } from "../src/index.ts";
import { useFakeTenant } from "./helpers/use-fake-tenant.ts";

const tenant = useFakeTenant();
const PASSWORD = "Unmistakable-Secret-9137";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the password never leaves the handler", () => {
  it("appears in no log line, console or stdio write, response or error, whatever the outcome", async () => {
    const written: string[] = [];
    const capture = (...args: unknown[]) => {
      written.push(args.map((a) => (typeof a === "string" ? a : (JSON.stringify(a) ?? String(a)))).join(" "));
    };
    for (const method of ["log", "info", "warn", "error", "debug", "trace"] as const) {
      vi.spyOn(console, method).mockImplementation(capture);
    }
    const stdout = process.stdout.write.bind(process.stdout);
    const stderr = process.stderr.write.bind(process.stderr);
    vi.spyOn(process.stdout, "write").mockImplementation((chunk, ...rest) => {
      written.push(String(chunk));
      return stdout(chunk, ...(rest as []));
    });
    vi.spyOn(process.stderr, "write").mockImplementation((chunk, ...rest) => {
      written.push(String(chunk));
      return stderr(chunk, ...(rest as []));
    });
    const logged: unknown[] = [];
    const logger = {
      info: (...args: unknown[]) => logged.push(args),
      warn: (...args: unknown[]) => logged.push(args),
    };
    // The verifier's failures carry the password, as a careless one's would.
    let mode: "accept" | "refuse" | "block" | "throw" | "hang" = "accept";
    const handler = createPasswordMigrationHandler({
      tenantId: tenant.tenantId,
      audience: tenant.appId,
      discoveryUrl: tenant.discoveryUrl,
      privateKey: tenant.privateKeyPem,
      timeBudgetMs: 300,
      logger,
      verifier: callbackVerifier(({ password, signal }) => {
        if (mode === "throw") throw new Error(`legacy store refused ${password}`);
        if (mode === "hang")
          return new Promise((_, reject) =>
            signal.addEventListener("abort", () => reject(new Error(password))),
          );
        if (mode === "block") return { result: "block", message: "locked" };
        return mode === "accept";
      }),
    });
    const server = createServer(toNodeListener(handler));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const answers: string[] = [];
    const send = async (body: unknown, token?: string) => {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          authorization: `Bearer ${token ?? (await tenant.token())}`,
          "content-type": "application/json",
        },
        body: JSON.stringify(body),
      });
      answers.push(`${response.status} ${JSON.stringify([...response.headers])} ${await response.text()}`);
      return response.status;
    };
    const context = () => tenant.encrypt({ "user-password": PASSWORD, nonce: randomUUID() });
    try {
      const statuses: number[] = [];
      for (const next of ["accept", "refuse", "block", "throw", "hang"] as const) {
        mode = next;
        statuses.push(await send(tenant.body(await context())));
      }
      mode = "accept";
      const token = await tenant.token();
      statuses.push(await send(tenant.body(await context()), token));
      statuses.push(await send(tenant.body(await context()), token));
      const tampered = (await context()).replace(/\.(.)/, (_, c: string) => `.${c === "A" ? "B" : "A"}`);
      statuses.push(await send(tenant.body(tampered)));
      expect(statuses).toEqual([200, 200, 200, 503, 503, 200, 401, 400]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(logged.length).toBeGreaterThanOrEqual(8);
    const everything = [...written, JSON.stringify(logged), ...answers].join("\n");
    expect(everything).toContain("MigratePassword");
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(Buffer.from(PASSWORD).toString("base64").slice(0, 16));
  });
});
