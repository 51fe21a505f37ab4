// Shared by the CLI tests: run the built `ciam` as a subprocess, against an emulator started in-process.
import { type ChildProcessByStdio, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { emulatorConnectionVariables } from "@ciamkit/core";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "@ciamkit/emulator";

/** The tracked launcher of the built CLI. */
export const BIN = fileURLToPath(new URL("../bin/ciam.js", import.meta.url));
const BUILT = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

/** The outcome of one `ciam` run. */
export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Fails with instructions when the CLI has not been built (the tests run what users run). */
export function requireBuilt(): void {
  if (!existsSync(BUILT)) {
    throw new Error("apps/cli is not built: run `pnpm exec turbo run build --filter @ciamkit/cli...` first");
  }
}

/** A private temporary directory, with config and data directories for ciam inside. */
export function sandbox(): { dir: string; env: Record<string, string>; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "ciam-test-"));
  return {
    dir,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: dir,
      NO_COLOR: "1",
      CIAM_CONFIG_DIR: join(dir, "config"),
      CIAM_DATA_DIR: join(dir, "data"),
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Runs `ciam` asynchronously (the emulator in this process must keep serving), with exactly the
 * environment given (nothing inherited but what {@link sandbox} puts there).
 */
export function ciam(
  args: readonly string[],
  env: Record<string, string>,
  stdin = "",
  onStderr?: (text: string) => void,
  cwd?: string,
): Promise<Run> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env,
    stdio: ["pipe", "pipe", "pipe"],
    ...(cwd === undefined ? {} : { cwd }),
  });
  child.stdin.end(stdin);
  return outcome(child, onStderr);
}

/** What a child process wrote and how it ended; `onStderr` sees its stderr so far as it grows. */
export function outcome(
  child: ChildProcessByStdio<Writable | null, Readable, Readable>,
  onStderr?: (text: string) => void,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
      onStderr?.(stderr);
    });
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** An emulator on port 0 with the demo tenant, and the `AZURE_*` settings that reach it. */
export interface TestTenant {
  emulator: RunningEmulator;
  /** Sandbox env plus the demo management app's credentials and the emulator's endpoints. */
  env: Record<string, string>;
  /** Just the sandbox (no credentials). */
  bare: Record<string, string>;
  caFile: string;
  /** Requests the emulator has answered so far (all services). */
  requests(): number;
  close(): Promise<void>;
}

/** Starts the emulator with the demo tenant for one test file. */
export async function startTenant(options: EmulatorOptions = {}): Promise<TestTenant> {
  const box = sandbox();
  const emulator = await startEmulator({ seed: 1, ...options });
  const tenant = emulator.tenants[0];
  if (tenant === undefined) throw new Error("the emulator has no demo tenant");
  const caFile = join(box.dir, "ca.pem");
  writeFileSync(caFile, emulator.caCertPem);
  return {
    emulator,
    bare: box.env,
    caFile,
    // What `ciam emulator start` prints, minus NODE_EXTRA_CA_CERTS: the CA comes from CIAM_CA_FILE.
    env: { ...box.env, ...(emulatorConnectionVariables(emulator, tenant, caFile) as Record<string, string>) },
    requests: () => emulator.control.monitor.counters().requests,
    async close() {
      await emulator.stop();
      box.remove();
    },
  };
}

/** The `ciam login` flags that point a profile at the emulator: its three services and its CA. */
export function emulatorFlags(t: TestTenant): string[] {
  return [
    "--authority-host",
    t.emulator.loginUrl,
    "--graph-endpoint",
    t.emulator.graphUrl,
    "--arm-endpoint",
    t.emulator.armUrl,
    "--ca",
    t.caFile,
  ];
}

/** Parses stdout as JSON, with the run in the message when it is not. */
export function json<T = unknown>(run: Run): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
}

/**
 * Registers an app (with its service principal and a client secret) granted exactly `permissions`,
 * through ciam itself, and returns the environment that signs in as it: for "missing permission" cases.
 */
export async function appEnv(
  t: TestTenant,
  name: string,
  permissions: readonly string[] = [],
  admin: Record<string, string> = t.env,
) {
  const run = (args: string[]) => ciam(args, admin);
  const app = json<{ appId: string }>(await run(["app", "create", "--display-name", name, "-o", "json"]));
  await run(["service-principal", "create", "--app-id", app.appId]);
  for (const permission of permissions) {
    await run(["app", "grant", "--app-id", app.appId, "--permission", permission]);
  }
  const { secretText } = json<{ secretText: string }>(
    await run(["app", "password-add", "--app-id", app.appId, "-o", "json"]),
  );
  return { appId: app.appId, env: { ...admin, AZURE_CLIENT_ID: app.appId, AZURE_CLIENT_SECRET: secretText } };
}

/** A valid greyscale PNG of the given size (branding checks the real format and pixels). */
export { png } from "@ciamkit/emulator/testing";

/**
 * A command line as a user types it: the literal text split at spaces, each interpolated value one
 * argument whole (so a value with spaces needs no quoting): cmd`user-flow create --display-name ${name}`.
 */
export function cmd(words: TemplateStringsArray, ...values: readonly (string | number)[]): string[] {
  const args: string[] = [];
  words.forEach((text, i) => {
    args.push(...text.split(/\s+/).filter((word) => word !== ""));
    const value = values[i];
    if (value !== undefined) args.push(String(value));
  });
  return args;
}
