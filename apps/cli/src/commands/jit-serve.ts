import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  b2cRopcVerifier,
  createPasswordMigrationHandler,
  hashVerifier,
  type PasswordHashRecord,
  type PasswordVerifier,
  passwordHashRecordSchema,
  toNodeListener,
} from "@ciamkit/jit";
import { z } from "zod";
import { UsageError } from "../run/exit-codes.ts";
import { fail } from "../run/fail.ts";

/** The flags of `ciam migrate jit serve`, as commander hands them over. */
export interface JitServeOptions {
  privateKey: string;
  tenantId: string;
  audience: string[];
  verifier: string;
  b2cAuthority?: string | undefined;
  b2cClientId?: string | undefined;
  b2cScope?: string | undefined;
  hashes?: string | undefined;
  port: string;
  host: string;
  discoveryUrl?: string | undefined;
  jwksUrl?: string | undefined;
  issuer?: string[] | undefined;
  timeBudget: string;
}

const flagsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  timeBudget: z.coerce.number().int().min(100).max(10_000),
});

function readText(path: string, flag: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(
      `${flag}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "error"}); give ${what}`,
    );
  }
}

/** The hashes file: `{ "<user id, mail or UPN>": { algorithm, hash, … } }`, checked whole before serving. */
function hashesVerifier(path: string): PasswordVerifier {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readText(path, "--hashes", "a JSON file of password hash records"));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--hashes: ${path} is not JSON`);
  }
  const file = z.record(z.string(), passwordHashRecordSchema).safeParse(parsed);
  if (!file.success) {
    const issue = file.error.issues[0];
    throw new UsageError(
      `--hashes: ${path}: ${issue?.path.join(".") || "the file"}: ${issue?.message ?? "invalid"} (expected { "<user id, mail or UPN>": { "algorithm": "bcrypt", "hash": "$2b$…" }, … })`,
    );
  }
  const records = new Map<string, PasswordHashRecord>(
    Object.entries(file.data).map(([key, record]) => [key.toLowerCase(), record]),
  );
  return hashVerifier({
    lookup: async (user) =>
      [user.id, user.mail, user.userPrincipalName]
        .filter((k): k is string => typeof k === "string" && k !== "")
        .map((k) => records.get(k.toLowerCase()))
        .find((r) => r !== undefined),
  });
}

function verifierFrom(options: JitServeOptions): PasswordVerifier {
  if (options.verifier === "hashes") {
    if (options.hashes === undefined) throw new UsageError("--verifier hashes needs --hashes <file>");
    return hashesVerifier(options.hashes);
  }
  if (options.b2cAuthority === undefined || options.b2cClientId === undefined) {
    throw new UsageError("--verifier b2c needs --b2c-authority <url> and --b2c-client-id <id>");
  }
  try {
    return b2cRopcVerifier({
      authority: options.b2cAuthority,
      clientId: options.b2cClientId,
      ...(options.b2cScope === undefined ? {} : { scope: options.b2cScope }),
    });
  } catch (error) {
    throw new UsageError(`--b2c-authority: ${(error as Error).message}`);
  }
}

/** `ciam migrate jit serve`: the JIT endpoint on node:http until SIGINT/SIGTERM; events on stderr. */
export async function jitServe(options: JitServeOptions): Promise<void> {
  try {
    const flags = flagsSchema.safeParse(options);
    if (!flags.success) {
      const field =
        flags.error.issues[0]?.path[0] === "port"
          ? "--port must be a port number"
          : "--time-budget must be 100 to 10000 (ms)";
      throw new UsageError(field);
    }
    const privateKey = readText(
      options.privateKey,
      "--private-key",
      "the PEM file `ciam migrate jit setup` wrote",
    );
    const event = (level: string) => (message: string, details: Record<string, unknown>) => {
      process.stderr.write(`ciam: jit: ${level}${message} ${JSON.stringify(details)}\n`);
    };
    let handler: ReturnType<typeof createPasswordMigrationHandler>;
    try {
      handler = createPasswordMigrationHandler({
        tenantId: options.tenantId,
        audience: options.audience,
        privateKey,
        verifier: verifierFrom(options),
        timeBudgetMs: flags.data.timeBudget,
        logger: { info: event(""), warn: event("") },
        ...(options.discoveryUrl === undefined ? {} : { discoveryUrl: options.discoveryUrl }),
        ...(options.jwksUrl === undefined ? {} : { jwksUrl: options.jwksUrl }),
        ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
      });
    } catch (error) {
      if (error instanceof UsageError) throw error;
      // The library names the option (tenantId, privateKey, …); say it as the flag.
      const message = (error as Error).message.replace(/^createPasswordMigrationHandler: /, "");
      throw new UsageError(
        message.replace(
          /\b(tenantId|audience|privateKey|discoveryUrl|jwksUrl|issuer)\b/g,
          (m) => `--${m.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
        ),
      );
    }
    const server = createServer(toNodeListener(handler));
    await new Promise<void>((resolve, reject) => {
      server.once("error", (error: NodeJS.ErrnoException) =>
        reject(
          new UsageError(
            `cannot listen on ${options.host}:${flags.data.port} (${error.code ?? "error"}); pick another --port`,
          ),
        ),
      );
      server.listen(flags.data.port, options.host, resolve);
    });
    const { address, port } = server.address() as AddressInfo;
    const host = address.includes(":") ? `[${address}]` : address;
    process.stderr.write(
      `ciam: the JIT endpoint listens on http://${host}:${port}/ (verifier: ${options.verifier}; Ctrl-C stops)\n`,
    );
    await new Promise<void>((done) => {
      process.once("SIGINT", done);
      process.once("SIGTERM", done);
    });
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  } catch (error) {
    fail(error);
  }
}
