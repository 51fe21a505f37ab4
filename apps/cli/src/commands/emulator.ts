import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SharedEmulator } from "@ciamkit/emulator";
import { openSharedState } from "../run/emulator-session.ts";
import { UsageError } from "../run/exit-codes.ts";
import { fail } from "../run/fail.ts";

function seedNumber(value: string): number {
  const seed = Number(value);
  if (!Number.isInteger(seed) || seed < 0) throw new UsageError("--seed must be a whole number");
  return seed;
}

/** The state is served by another process: this command needs the state to itself. */
function refuseServed(shared: SharedEmulator): asserts shared is SharedEmulator & { emulator: object } {
  if (shared.emulator !== undefined) return;
  const { holder, pid, graphUrl } = shared.endpoint;
  throw new UsageError(
    `the emulator's state is served by ${holder} (pid ${pid}, Graph at ${graphUrl}); stop it first`,
  );
}

/** `ciam emulator reset`: empties the saved state and seeds the demo tenant again. */
export async function emulatorReset(options: { seed: string }): Promise<void> {
  try {
    const seed = seedNumber(options.seed);
    const { defaultEmulatorDataDir } = await import("@ciamkit/emulator");
    const shared = await openSharedState({ holder: "ciam emulator reset", emulator: { seed } });
    refuseServed(shared);
    const emulator = shared.emulator;
    try {
      await emulator.control.reset({ seed });
      const tenant = emulator.tenants[0];
      process.stderr.write(
        `The emulator starts over in ${defaultEmulatorDataDir()}: demo tenant ${tenant?.domain ?? "contoso"} (${tenant?.tenantId ?? "?"}).\n`,
      );
    } finally {
      await shared.stop();
    }
  } catch (error) {
    fail(error);
  }
}

function portOption(value: string | undefined): { graph: number; login: number; arm: number } | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65533) throw new UsageError("--port must be a port number");
  return { graph: port, login: port === 0 ? 0 : port + 1, arm: port === 0 ? 0 : port + 2 };
}

/**
 * `ciam emulator start`: serves the saved state on loopback until Ctrl-C, on the state's stable
 * ports, and prints the settings other clients (the Azure SDKs, `ciam` without --emulator, curl)
 * connect with. `ciam --emulator` and `ciam-mcp --emulator` connect to it meanwhile.
 */
export async function emulatorStart(options: {
  port?: string | undefined;
  json?: boolean | undefined;
}): Promise<void> {
  try {
    const ports = portOption(options.port);
    const { defaultEmulatorDataDir } = await import("@ciamkit/emulator");
    const dataDir = defaultEmulatorDataDir();
    const shared = await openSharedState({
      holder: "ciam emulator start",
      serve: true,
      ...(ports === undefined ? {} : { ports }),
    });
    refuseServed(shared);
    const { endpoint } = shared;
    const caFile = join(dataDir, "ca.pem");
    writeFileSync(caFile, endpoint.caCertPem);
    const w = endpoint.workforce;
    const { emulatorConnectionVariables } = await import("@ciamkit/core");
    const settings = {
      ...emulatorConnectionVariables(endpoint, endpoint.tenant, caFile),
      NODE_EXTRA_CA_CERTS: caFile,
    };
    const workforce = shared.emulator.workforce;
    const workforceSettings =
      w === null
        ? undefined
        : {
            AZURE_TENANT_ID: w.tenantId,
            AZURE_CLIENT_ID: w.clientId,
            AZURE_CLIENT_SECRET: w.clientSecret,
            AZURE_SUBSCRIPTION_ID: w.subscriptionId,
          };
    if (options.json === true) {
      const info = {
        pid: process.pid,
        loginUrl: endpoint.loginUrl,
        graphUrl: endpoint.graphUrl,
        armUrl: endpoint.armUrl,
        caFile,
        tenant: endpoint.tenant.domain,
        settings,
        workforce:
          workforce === undefined || workforceSettings === undefined
            ? null
            : {
                domain: workforce.domain,
                subscriptionId: workforce.subscriptionId,
                resourceGroup: workforce.resourceGroup,
                publicClientId: workforce.publicClientId,
                adminUser: {
                  userPrincipalName: workforce.adminUser.userPrincipalName,
                  password: workforce.adminUser.password,
                },
                settings: workforceSettings,
              },
      };
      process.stdout.write(`${JSON.stringify(info)}\n`);
    } else {
      const lines = [
        `The emulator serves ${dataDir} (Ctrl-C to stop; \`ciam --emulator\` and \`ciam-mcp --emulator\` use it meanwhile).`,
        `  token service  ${endpoint.loginUrl}`,
        `  Graph          ${endpoint.graphUrl}/v1.0`,
        `  ARM            ${endpoint.armUrl}`,
        "",
        `Connect as the demo tenant's management app (${endpoint.tenant.domain}):`,
        ...Object.entries(settings).map(([k, v]) => `  export ${k}=${v}`),
      ];
      if (workforce !== undefined && workforceSettings !== undefined) {
        lines.push(
          "",
          `Workforce tenant ${workforce.domain}: creates external tenants through ARM in subscription ${workforce.subscriptionId}, resource group ${workforce.resourceGroup}.`,
          "  As its manager app (Owner on the resource group), for `ciam tenant …` and the Azure SDKs:",
          ...Object.entries(workforceSettings).map(([k, v]) => `    export ${k}=${v}`),
          `  Or as a person, by device code: public client ${workforce.publicClientId}, user ${workforce.adminUser.userPrincipalName} / ${workforce.adminUser.password}`,
        );
      }
      process.stdout.write(`${lines.join("\n")}\n\n`);
    }
    await new Promise<void>((done) => {
      process.once("SIGINT", done);
      process.once("SIGTERM", done);
    });
    await shared.stop();
    process.stderr.write("The emulator stopped; its state is saved.\n");
  } catch (error) {
    fail(error);
  }
}
