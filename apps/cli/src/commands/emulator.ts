import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { emulatorDataDir, serverFile } from "../run/data-dir.ts";
import { SERVER_HOLDER, startEmbeddedEmulator } from "../run/emulator-session.ts";
import { UsageError } from "../run/exit-codes.ts";
import { fail } from "../run/fail.ts";

function seedNumber(value: string): number {
  const seed = Number(value);
  if (!Number.isInteger(seed) || seed < 0) throw new UsageError("--seed must be a whole number");
  return seed;
}

/** `ciam emulator reset`: empties the saved state and seeds the demo tenant again. */
export async function emulatorReset(options: { seed: string }): Promise<void> {
  try {
    const seed = seedNumber(options.seed);
    const dataDir = emulatorDataDir();
    const emulator = await startEmbeddedEmulator({ holder: "ciam emulator reset", emulator: { seed } });
    try {
      await emulator.control.reset({ seed });
      const tenant = emulator.tenants[0];
      process.stderr.write(
        `The emulator starts over in ${dataDir}: demo tenant ${tenant?.domain ?? "contoso"} (${tenant?.tenantId ?? "?"}).\n`,
      );
    } finally {
      await emulator.stop();
    }
  } catch (error) {
    fail(error);
  }
}

/**
 * `ciam emulator start`: serves the saved state on loopback until Ctrl-C, and prints the settings
 * other clients (the Azure SDKs, `ciam` without --emulator, curl) connect with.
 */
export async function emulatorStart(options: { port: string; json?: boolean | undefined }): Promise<void> {
  try {
    const port = Number(options.port);
    if (!Number.isInteger(port) || port < 0 || port > 65533)
      throw new UsageError("--port must be a port number");
    const dataDir = emulatorDataDir();
    const emulator = await startEmbeddedEmulator({
      holder: SERVER_HOLDER,
      emulator: { ports: port === 0 ? {} : { graph: port, login: port + 1, arm: port + 2 } },
    });
    const caFile = join(dataDir, "ca.pem");
    writeFileSync(caFile, emulator.caCertPem);
    const info = {
      pid: process.pid,
      loginUrl: emulator.loginUrl,
      graphUrl: emulator.graphUrl,
      armUrl: emulator.armUrl,
      caFile,
    };
    writeFileSync(serverFile(dataDir), `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
    const tenant = emulator.tenants[0];
    const { emulatorConnectionVariables } = await import("@ciamkit/core");
    const settings = {
      ...emulatorConnectionVariables(
        emulator,
        {
          tenantId: tenant?.tenantId ?? "",
          clientId: tenant?.clientId ?? "",
          clientSecret: tenant?.clientSecret ?? "",
        },
        caFile,
      ),
      NODE_EXTRA_CA_CERTS: caFile,
    };
    if (options.json === true) {
      process.stdout.write(`${JSON.stringify({ ...info, tenant: tenant?.domain, settings })}\n`);
    } else {
      process.stdout.write(
        [
          `The emulator serves ${dataDir} (Ctrl-C to stop).`,
          `  token service  ${emulator.loginUrl}`,
          `  Graph          ${emulator.graphUrl}/v1.0`,
          `  ARM            ${emulator.armUrl}`,
          "",
          `Connect as the demo tenant's management app (${tenant?.domain ?? "contoso"}):`,
          ...Object.entries(settings).map(([k, v]) => `  export ${k}=${v}`),
          "",
        ].join("\n"),
      );
    }
    await new Promise<void>((done) => {
      process.once("SIGINT", done);
      process.once("SIGTERM", done);
    });
    rmSync(serverFile(dataDir), { force: true });
    await emulator.stop();
    process.stderr.write("The emulator stopped; its state is saved.\n");
  } catch (error) {
    fail(error);
  }
}
