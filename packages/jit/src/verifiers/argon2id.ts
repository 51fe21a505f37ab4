import * as crypto from "node:crypto";

/** Argon2id's inputs, as a stored record gives them. */
export interface Argon2idParams {
  salt: Buffer;
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  length: number;
}

export type NodeArgon2 = (
  algorithm: "argon2id",
  parameters: {
    message: string;
    nonce: Buffer;
    memory: number;
    passes: number;
    parallelism: number;
    tagLength: number;
  },
  callback: (error: Error | null, result: Buffer) => void,
) => void;

/**
 * Argon2id of the password: node:crypto's (OpenSSL, Node ≥ 24.7) when there, else hash-wasm's WASM
 * build, loaded on first use (no native addon to install; about 1.7× slower than OpenSSL here).
 */
export async function argon2id(password: string, params: Argon2idParams): Promise<Buffer> {
  const native = (crypto as unknown as { argon2?: NodeArgon2 }).argon2;
  return typeof native === "function"
    ? argon2idNative(native, password, params)
    : argon2idWasm(password, params);
}

/** OpenSSL's Argon2id through node:crypto. */
export function argon2idNative(
  native: NodeArgon2,
  password: string,
  params: Argon2idParams,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    native(
      "argon2id",
      {
        message: password,
        nonce: params.salt,
        memory: params.memoryKiB,
        passes: params.iterations,
        parallelism: params.parallelism,
        tagLength: params.length,
      },
      (error, result) => (error === null ? resolve(result) : reject(new Error("argon2id failed"))),
    );
  });
}

/** hash-wasm's Argon2id, loaded on first use. */
export async function argon2idWasm(password: string, params: Argon2idParams): Promise<Buffer> {
  const wasm = await import("hash-wasm");
  const result = await wasm.argon2id({
    password,
    salt: params.salt,
    iterations: params.iterations,
    memorySize: params.memoryKiB,
    parallelism: params.parallelism,
    hashLength: params.length,
    outputType: "binary",
  });
  return Buffer.from(result);
}
