import { execFile } from "node:child_process";
import * as crypto from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { hashVerifier, type PasswordHashRecord, type VerificationInput } from "../src/index.ts";
import { argon2idNative, argon2idWasm, type NodeArgon2 } from "../src/verifiers/argon2id.ts";
import { TEST_USER } from "./helpers/fake-tenant.ts";

const hex = (text: string) => Buffer.from(text, "hex").toString("base64");
const salt = (text: string) => Buffer.from(text).toString("base64");

// Published test vectors: RFC 6070 (PBKDF2-HMAC-SHA1), RFC 7914 §11 (scrypt), the PBKDF2-HMAC-SHA256/512
// vectors of RFC 7914 §11 and its errata's companions, the Argon2 reference implementation's
// test.c (argon2id v=19, t=2, m=2^16, p=1), and jBCrypt's test suite ($2a$06$).
const VECTORS: [string, string, PasswordHashRecord][] = [
  [
    "PBKDF2-SHA1 (RFC 6070, c=1)",
    "password",
    {
      algorithm: "pbkdf2-sha1",
      hash: "0c60c80f961f0e71f3a9b524af6012062fe037a6",
      salt: Buffer.from("salt").toString("hex"),
      encoding: "hex",
      params: { iterations: 1 },
    },
  ],
  [
    "PBKDF2-SHA256 (c=4096)",
    "password",
    {
      algorithm: "pbkdf2-sha256",
      hash: hex("c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"),
      salt: salt("salt"),
      params: { iterations: 4096 },
    },
  ],
  [
    "PBKDF2-SHA512 (c=1)",
    "password",
    {
      algorithm: "pbkdf2-sha512",
      hash: hex(
        "867f70cf1ade02cff3752599a3a53dc4af34c7a669815ae5d513554e1c8cf252c02d470a285a0501bad999bfe943c08f050235d7d68b1da55e63f73b60a57fce",
      ),
      salt: salt("salt"),
      params: { iterations: 1 },
    },
  ],
  [
    "scrypt (RFC 7914, N=1024 r=8 p=16)",
    "password",
    {
      algorithm: "scrypt",
      hash: hex(
        "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640",
      ),
      salt: salt("NaCl"),
      params: { N: 1024, r: 8, p: 16 },
    },
  ],
  [
    "argon2id PHC string (reference test.c)",
    "password",
    {
      algorithm: "argon2id",
      hash: "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
    },
  ],
  [
    "argon2id raw hash, salt and params",
    "password",
    {
      algorithm: "argon2id",
      hash: "09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7",
      salt: Buffer.from("somesalt").toString("hex"),
      encoding: "hex",
      params: { memoryKiB: 65536, iterations: 2, parallelism: 1 },
    },
  ],
  [
    "bcrypt (jBCrypt, empty password)",
    "",
    { algorithm: "bcrypt", hash: "$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s." },
  ],
  [
    "bcrypt (jBCrypt, a-z)",
    "abcdefghijklmnopqrstuvwxyz",
    { algorithm: "bcrypt", hash: "$2a$06$.rCVZVOThsIa97pEDOxvGuRRgzG64bvtJ0938xuqzv18d3ZpQhstC" },
  ],
];

function input(password: string): VerificationInput {
  return { password, user: TEST_USER, context: { user: TEST_USER }, signal: new AbortController().signal };
}

describe("hashVerifier", () => {
  it.each(VECTORS)(
    "%s: accepts the password of the vector and refuses another",
    async (_, password, record) => {
      const verify = hashVerifier({ lookup: async () => record });
      expect(await verify(input(password))).toEqual({ result: "valid" });
      expect(await verify(input(`${password}x`))).toEqual({ result: "invalid" });
    },
  );

  it("looks the record up by the user signing in; a user without one gets invalid (Retry)", async () => {
    const seen: string[] = [];
    const verify = hashVerifier({
      lookup: async (user) => {
        seen.push(user.id);
        return undefined;
      },
    });
    expect(await verify(input("password"))).toEqual({ result: "invalid" });
    expect(seen).toEqual([TEST_USER.id]);
  });

  it("fails (rather than answering invalid) on a malformed record, naming the field but not the hash", async () => {
    const verify = hashVerifier({
      lookup: async () =>
        ({ algorithm: "pbkdf2-sha256", hash: "c2VjcmV0", salt: "c2FsdA==" }) as PasswordHashRecord,
    });
    const error = await verify(input("password")).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/unusable hash record \(params\)/);
    expect((error as Error).message).not.toContain("c2VjcmV0");
  });

  it("loads bcryptjs and hash-wasm only when a record needs them", async () => {
    // A fresh process: which modules does a handler with a callback verifier load?
    const script = `
      import { registerHooks } from "node:module";
      const loaded = [];
      registerHooks({ resolve(specifier, context, next) { loaded.push(specifier); return next(specifier, context); } });
      const jit = await import(${JSON.stringify(fileURLToPath(new URL("../src/index.ts", import.meta.url)))});
      jit.hashVerifier({ lookup: async () => undefined });
      jit.callbackVerifier(() => true);
      console.log(JSON.stringify({ jose: loaded.includes("jose"), lazy: loaded.filter((s) => /bcryptjs|hash-wasm/.test(s)) }));`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--conditions=@ciamkit/source", "--input-type=module", "-e", script],
      { cwd: fileURLToPath(new URL("..", import.meta.url)) },
    );
    expect(JSON.parse(stdout.trim())).toEqual({ jose: true, lazy: [] });
  });
});

describe("argon2id", () => {
  const params = {
    salt: Buffer.from("somesalt"),
    memoryKiB: 65536,
    iterations: 2,
    parallelism: 1,
    length: 32,
  };

  it("gives the reference vector through hash-wasm, the implementation used before Node 24.7", async () => {
    expect((await argon2idWasm("password", params)).toString("hex")).toBe(
      "09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7",
    );
  });

  it.runIf(typeof (crypto as { argon2?: unknown }).argon2 === "function")(
    "gives the same bytes through node:crypto (Node ≥ 24.7)",
    async () => {
      const native = (crypto as unknown as { argon2: NodeArgon2 }).argon2;
      const small = { ...params, memoryKiB: 256 };
      expect(
        (await argon2idNative(native, "password", small)).equals(await argon2idWasm("password", small)),
      ).toBe(true);
    },
  );
});
