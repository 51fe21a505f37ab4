import { readFile, stat } from "node:fs/promises";
import { confidentialCredential } from "./confidential-credential.ts";
import type { CredentialOptions } from "./msal-config.ts";
import type { TokenProvider } from "./token-provider.ts";

/** Options of {@link clientAssertionCredential}. */
export interface ClientAssertionCredentialOptions extends CredentialOptions {
  /** Returns a signed JWT the tenant trusts (a federated identity credential), called whenever MSAL needs one. */
  getAssertion: () => Promise<string> | string;
}

/** An app-only credential whose proof is a client assertion from a callback. */
export function clientAssertionCredential(options: ClientAssertionCredentialOptions): TokenProvider {
  if (typeof options.getAssertion !== "function")
    throw new Error("getAssertion must be a function returning a JWT.");
  return confidentialCredential(
    options,
    {
      clientAssertion: async () => {
        const assertion = (await options.getAssertion()).trim();
        if (assertion === "") throw new Error("The client assertion callback returned an empty string.");
        return assertion;
      },
    },
    "federated credential",
  );
}

/** Options of {@link workloadIdentityCredential}. */
export interface WorkloadIdentityCredentialOptions extends CredentialOptions {
  /** The file a CI system or Kubernetes writes the federated token to (`AZURE_FEDERATED_TOKEN_FILE`). */
  tokenFilePath: string;
}

/**
 * Workload identity federation: the assertion is read from a file that the platform rotates, so it is
 * re-read whenever its modification time or size changes (and only then).
 */
export function workloadIdentityCredential(options: WorkloadIdentityCredentialOptions): TokenProvider {
  let cached: { key: string; token: string } | undefined;
  const read = async (): Promise<string> => {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(options.tokenFilePath);
    } catch {
      throw new Error(
        `The federated token file ${options.tokenFilePath} (AZURE_FEDERATED_TOKEN_FILE) cannot be read.`,
      );
    }
    const key = `${info.mtimeMs}:${info.size}`;
    if (cached?.key !== key) cached = { key, token: (await readFile(options.tokenFilePath, "utf8")).trim() };
    if (cached.token === "") throw new Error(`The federated token file ${options.tokenFilePath} is empty.`);
    return cached.token;
  };
  return clientAssertionCredential({ ...options, getAssertion: read });
}
