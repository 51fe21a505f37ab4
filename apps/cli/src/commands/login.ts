import { resolve } from "node:path";
import type { CredentialReference, Profile, ProfileCloud } from "@ciamkit/core";
import type { GlobalOptions } from "../global-options.ts";
import type { AnyCommand } from "../program.ts";
import { UsageError } from "../run/exit-codes.ts";
import { fail } from "../run/fail.ts";
import { readStdinSecret } from "../run/read-input.ts";

/** Options of `ciam login`. */
export interface LoginOptions {
  tenant: string;
  clientId: string;
  auth?: string | undefined;
  secretStdin?: boolean | undefined;
  saveSecret?: boolean | undefined;
  certificate?: string | undefined;
  federatedTokenFile?: string | undefined;
  cloud: string;
  authorityHost?: string | undefined;
  graphEndpoint?: string | undefined;
  armEndpoint?: string | undefined;
  ca?: string | undefined;
}

function cloudReference(options: LoginOptions): ProfileCloud {
  const custom = [options.authorityHost, options.graphEndpoint, options.armEndpoint];
  if (custom.every((v) => v === undefined)) {
    if (options.ca !== undefined)
      throw new UsageError(
        "--ca applies to a custom cloud: add --authority-host, --graph-endpoint and --arm-endpoint",
      );
    return { kind: options.cloud as "global" | "usgov" | "china" };
  }
  if (custom.some((v) => v === undefined)) {
    throw new UsageError("a custom cloud needs all of --authority-host, --graph-endpoint and --arm-endpoint");
  }
  return {
    kind: "custom",
    authorityHost: options.authorityHost as string,
    graphEndpoint: options.graphEndpoint as string,
    armEndpoint: options.armEndpoint as string,
    ...(options.ca === undefined ? {} : { caPath: resolve(options.ca) }),
  };
}

async function readSecret(options: LoginOptions): Promise<string> {
  const secret =
    options.secretStdin === true
      ? (await readStdinSecret("--secret-stdin")).trim()
      : process.env.AZURE_CLIENT_SECRET?.trim();
  if (secret === undefined || secret === "") {
    throw new UsageError("no client secret: pipe it in with --secret-stdin, or set AZURE_CLIENT_SECRET");
  }
  return secret;
}

/** Where `ciam login` took the proof from, as the sign-in advice names it. */
function proofOrigin(options: LoginOptions): string | undefined {
  if (options.certificate !== undefined) return "--certificate";
  if (options.federatedTokenFile !== undefined) return "--federated-token-file";
  if (options.secretStdin === true) return "--secret-stdin";
  return process.env.AZURE_CLIENT_SECRET ? "AZURE_CLIENT_SECRET" : undefined;
}

/**
 * `ciam login`: checks the credential by getting a Graph token, then stores the profile and makes it
 * current. A client secret is used for the check but stored only with `--save-secret`.
 */
export async function login(options: LoginOptions, command: AnyCommand): Promise<void> {
  try {
    const core = await import("@ciamkit/core");
    const kind =
      options.auth ??
      (options.certificate !== undefined
        ? "certificate"
        : options.federatedTokenFile !== undefined
          ? "federated"
          : options.secretStdin === true || process.env.AZURE_CLIENT_SECRET
            ? "secret"
            : "device-code");
    let secret: string | undefined;
    let reference: CredentialReference;
    switch (kind) {
      case "secret":
        secret = await readSecret(options);
        reference = { kind: "secret", ...(options.saveSecret === true ? { secret } : {}) };
        break;
      case "certificate":
        if (options.certificate === undefined)
          throw new UsageError("--auth certificate needs --certificate <PEM or .pfx file>");
        reference = { kind: "certificate", certificatePath: resolve(options.certificate) };
        break;
      case "federated":
        if (options.federatedTokenFile === undefined) {
          throw new UsageError("--auth federated needs --federated-token-file <path>");
        }
        reference = { kind: "federated", tokenFilePath: resolve(options.federatedTokenFile) };
        break;
      default:
        reference = { kind: "device-code" };
    }
    if (options.saveSecret === true && kind !== "secret")
      throw new UsageError("--save-secret applies to --auth secret only");
    const candidate = {
      name: (command.optsWithGlobals() as GlobalOptions).profile ?? "default",
      tenantId: options.tenant,
      clientId: options.clientId,
      cloud: cloudReference(options),
      credential: reference,
    };
    const parsed = core.profileSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UsageError(`invalid ${issue?.path.join(".") ?? "profile"}: ${issue?.message ?? ""}`);
    }
    const profile: Profile = parsed.data;
    const check: Profile =
      secret === undefined ? profile : { ...profile, credential: { kind: "secret", secret } };
    const credential = core.credentialFromProfile(check, {
      onPrompt: (prompt) => process.stderr.write(`${prompt.message}\n`),
      // A failed check is about the values just given, not a saved profile.
      source: {
        kind: "arguments",
        tenant: "--tenant",
        clientId: "--client-id",
        credential: proofOrigin(options),
      },
    });
    try {
      await credential.getToken(core.cloudFromProfile(profile.cloud).graphScope);
    } finally {
      await credential.close?.();
    }
    const store = new core.ProfileStore(core.configDir());
    store.save(profile, { makeCurrent: true });
    process.stderr.write(
      `Signed in to ${profile.tenantId} as app ${profile.clientId} (${kind}); profile '${profile.name}' saved in ${store.path} and made current.\n`,
    );
  } catch (error) {
    fail(error);
  }
}
