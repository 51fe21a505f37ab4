import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { startEmulator } from "./emulator.ts";
import { FaultSettingsSchema } from "./policy/faults.ts";

const HELP = `ciam-emulator: a local HTTPS emulator of the Entra token service, Microsoft Graph and ARM.

Usage: ciam-emulator [options]

  --host <ip>             interface to bind (default 127.0.0.1)
  --port <n>              Graph port (default 0 = any free port)
  --login-port <n>        token service port (default 0)
  --arm-port <n>          ARM port (default 0)
  --data-dir <dir>        keep state in <dir> (journal + snapshot); in memory when absent
  --seed <n>              seed number of the demo tenant contoso (default 1)
  --no-seed               start without the demo tenant
  --throttling <on|off>   Graph's published throttling budgets (default on)
  --time-scale <x>        shorten every throttling window by this factor (default 1)
  --faults <file|json>    fault rules: {"seed":1,"rules":[{"method":"POST","path":"/users","fault":{"kind":"error","status":503},"probability":0.1}]}
  --control-key <key>     key of the control API (default random)
  --ca-file <path>        where to write the CA certificate (default <data-dir>/ca.pem or a temp file)
  --json                  print the connection details as one JSON line
  -h, --help              this text
`;

const { values } = parseArgs({
  options: {
    host: { type: "string" },
    port: { type: "string" },
    "login-port": { type: "string" },
    "arm-port": { type: "string" },
    "data-dir": { type: "string" },
    seed: { type: "string" },
    "no-seed": { type: "boolean" },
    throttling: { type: "string" },
    "time-scale": { type: "string" },
    faults: { type: "string" },
    "control-key": { type: "string" },
    "ca-file": { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
  strict: true,
});

if (values.help === true) {
  process.stdout.write(HELP);
  process.exit(0);
}

function port(name: string, value: string | undefined): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    fail(`--${name} must be a port number (0-65535), not '${value}'.`);
  return n;
}

function fail(message: string): never {
  process.stderr.write(`ciam-emulator: ${message}\n`);
  process.exit(2);
}

function faults(value: string | undefined) {
  if (value === undefined) return {};
  const text = value.trimStart().startsWith("{") ? value : readFileSync(value, "utf8");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    fail("--faults is neither a JSON object nor a file holding one.");
  }
  const parsed = FaultSettingsSchema.safeParse(json);
  if (!parsed.success)
    fail(`--faults: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

const throttling = values.throttling ?? "on";
if (throttling !== "on" && throttling !== "off") fail("--throttling must be 'on' or 'off'.");
const timeScale = Number(values["time-scale"] ?? "1");
if (!(timeScale > 0)) fail("--time-scale must be a positive number.");
const seed = values.seed === undefined ? 1 : Number(values.seed);
if (!Number.isInteger(seed)) fail("--seed must be an integer.");
const dataDir = values["data-dir"] === undefined ? undefined : resolve(values["data-dir"]);

const emu = await startEmulator({
  ...(values.host === undefined ? {} : { host: values.host }),
  ports: {
    graph: port("port", values.port),
    login: port("login-port", values["login-port"]),
    arm: port("arm-port", values["arm-port"]),
  },
  ...(dataDir === undefined ? {} : { dataDir }),
  seed: values["no-seed"] === true ? false : seed,
  throttling: throttling === "off" ? false : { timeScale },
  faults: faults(values.faults),
  ...(values["control-key"] === undefined ? {} : { controlKey: values["control-key"] }),
});

// The CA is public; writing it lets curl, NODE_EXTRA_CA_CERTS or a browser trust the emulator.
const caFile = resolve(
  values["ca-file"] ?? join(dataDir ?? join(tmpdir(), `ciam-emulator-${process.pid}`), "ca.pem"),
);
mkdirSync(resolve(caFile, ".."), { recursive: true });
writeFileSync(caFile, emu.caCertPem);

if (values.json === true) {
  process.stdout.write(
    `${JSON.stringify({
      loginUrl: emu.loginUrl,
      graphUrl: emu.graphUrl,
      armUrl: emu.armUrl,
      controlUrl: emu.controlUrl,
      controlKey: emu.controlKey,
      caFile,
      tenants: emu.tenants.map(({ certificate: _omit, ...t }) => t),
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
