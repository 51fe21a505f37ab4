import type { CiamClient } from "@ciamkit/core";
import { openEmulatorSession } from "./emulator-session.ts";
import { UsageError } from "./exit-codes.ts";
import { canAskPerson } from "./interactive.ts";

type Core = typeof import("@ciamkit/core");

/** A signed-in client and how to release it. */
export interface Session {
  client: CiamClient;
  close(): Promise<void>;
}

/** What decides where a command runs. */
export interface SessionOptions {
  emulator?: boolean | undefined;
  profile?: string | undefined;
  env?: Readonly<Record<string, string | undefined>>;
  /** Cancels waiting for the emulator's state while another process uses it. */
  signal?: AbortSignal | undefined;
}

/**
 * Connects a command to its tenant: `--emulator`, else core's `connectFromCommandLine()`, which
 * `ciam-mcp` uses too: the `AZURE_*` and `CIAM_*` variables when `AZURE_CLIENT_ID` or
 * `AZURE_TENANT_ID` is set (they override any profile, as in the Azure SDKs), else the `--profile`
 * or current profile (docs/connecting.md). Without any of them it is a usage error: nothing is sent.
 */
export async function openSession(core: Core, options: SessionOptions): Promise<Session> {
  const env = options.env ?? process.env;
  if (options.emulator === true) return openEmulatorSession(core, env, options.signal);
  try {
    return core.connectFromCommandLine({
      profile: options.profile,
      env,
      // A device code is shown only to a person: in a script or CI a sign-in that needs one fails at once.
      onPrompt: canAskPerson(env)
        ? (prompt: { message: string }) => void process.stderr.write(`${prompt.message}\n`)
        : undefined,
    });
  } catch (error) {
    if (error instanceof core.NotSignedInError) {
      throw new UsageError(
        "not signed in: run `ciam login`, set AZURE_TENANT_ID, AZURE_CLIENT_ID and a credential (AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE), or try the demo tenant with --emulator",
      );
    }
    throw error;
  }
}
