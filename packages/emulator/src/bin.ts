import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { BIN_EXIT, type BinCommand, HELP, parseBinArgs, UsageError } from "./bin-options.ts";
import { type RunningEmulator, startEmulator } from "./emulator.ts";

const say = (text: string): void => void process.stderr.write(`ciam-emulator: ${text}\n`);

let command: BinCommand;
try {
  command = parseBinArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  say(error.message);
  process.exit(BIN_EXIT.usage);
}
if (command.kind === "help") {
  process.stdout.write(HELP);
  process.exit(BIN_EXIT.ok);
}
if (command.kind === "version") {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  process.stdout.write(`${pkg.version}\n`);
  process.exit(BIN_EXIT.ok);
}
const { dataDir, json } = command;

let emu: RunningEmulator;
try {
  emu = await startEmulator(command.options);
} catch (error) {
  const { code, message } = startFailure(error);
  say(message);
  process.exit(code);
}

// The CA is public; writing it lets curl, NODE_EXTRA_CA_CERTS or a browser trust the emulator.
const caFile = command.caFile ?? join(dataDir ?? join(tmpdir(), `ciam-emulator-${process.pid}`), "ca.pem");
try {
  mkdirSync(dirname(caFile), { recursive: true });
  writeFileSync(caFile, emu.caCertPem);
} catch (error) {
  await emu.stop();
  say(
    `the CA certificate cannot be written to ${caFile} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); choose another place with --ca-file.`,
  );
  process.exit(BIN_EXIT.cannotStart);
}

if (json) {
  process.stdout.write(
    `${JSON.stringify({
      loginUrl: emu.loginUrl,
      graphUrl: emu.graphUrl,
      armUrl: emu.armUrl,
      controlUrl: emu.controlUrl,
      controlKey: emu.controlKey,
      caFile,
      tenants: emu.tenants.map(({ certificate: _omit, ...t }) => t),
      workforce: emu.workforce ?? null,
    })}\n`,
  );
} else {
  const lines = [
    "ciam-emulator is running.",
    `  token service  ${emu.loginUrl}`,
    `  Graph          ${emu.graphUrl}/v1.0  and  ${emu.graphUrl}/beta`,
    `  ARM            ${emu.armUrl}`,
    `  control API    ${emu.controlUrl}   (header x-emulator-key: ${emu.controlKey})`,
    `  CA certificate ${caFile}   (e.g. NODE_EXTRA_CA_CERTS=${caFile})`,
  ];
  for (const t of emu.tenants) {
    lines.push(
      "",
      `Tenant ${t.domain} (${t.tenantId})`,
      `  AZURE_TENANT_ID=${t.tenantId}`,
      `  AZURE_CLIENT_ID=${t.clientId}`,
      `  AZURE_CLIENT_SECRET=${t.clientSecret}`,
      `  authority       ${t.authority}   knownAuthorities: ${t.knownAuthorities.join(", ")}`,
      `  device code     public client ${t.publicClientId}; sign in as ${t.adminUser?.userPrincipalName} / ${t.adminUser?.password}`,
    );
  }
  const w = emu.workforce;
  if (w !== undefined) {
    lines.push(
      "",
      `Workforce tenant ${w.domain} (${w.tenantId}): creates external tenants through ARM`,
      `  AZURE_SUBSCRIPTION_ID=${w.subscriptionId}   resource group ${w.resourceGroup}`,
      `  management app  AZURE_TENANT_ID=${w.tenantId} AZURE_CLIENT_ID=${w.managementApp.clientId} AZURE_CLIENT_SECRET=${w.managementApp.clientSecret} (Owner on the resource group)`,
      `  device code     public client ${w.publicClientId}; sign in as ${w.adminUser.userPrincipalName} / ${w.adminUser.password} (Owner on the resource group)`,
    );
  }
  process.stdout.write(`${lines.join("\n")}\n`);
}

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  emu.stop().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`ciam-emulator: stopping failed: ${String(err)}\n`);
      process.exit(1);
    },
  );
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

/** One line and an exit code for a failed start: 3 when the environment is the cause, 1 for a bug. */
function startFailure(error: unknown): { code: number; message: string } {
  const err = error as NodeJS.ErrnoException & { address?: string; port?: number; hostname?: string };
  switch (err.name) {
    case "DataDirCorruptError":
      return { code: BIN_EXIT.cannotStart, message: `the data directory cannot be loaded: ${err.message}` };
    case "DataDirBusyError":
      return {
        code: BIN_EXIT.cannotStart,
        message: `the data directory ${err.message}; stop it first, or use another --data-dir.`,
      };
  }
  if (err.syscall === "getaddrinfo") {
    return {
      code: BIN_EXIT.usage,
      message: `--host ${err.hostname ?? ""} is not an address of this machine (${err.code}).`,
    };
  }
  if (err.syscall === "listen" || err.code === "EADDRINUSE" || err.code === "EADDRNOTAVAIL") {
    return {
      code: BIN_EXIT.cannotStart,
      message: `cannot listen on ${err.address ?? "the host"}${err.port === undefined ? "" : `:${err.port}`} (${err.code}); choose another --host or port.`,
    };
  }
  if (err.syscall !== undefined && err.code !== undefined && err.path !== undefined) {
    return { code: BIN_EXIT.cannotStart, message: `${err.path} cannot be used (${err.code}).` };
  }
  return { code: BIN_EXIT.failure, message: `unexpected error (a bug): ${err.message ?? String(error)}` };
}
