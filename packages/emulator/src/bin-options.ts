// The command line of `ciam-emulator`: parsed and checked before anything starts.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { EmulatorOptions } from "./emulator.ts";
import { FaultSettingsSchema } from "./policy/faults.ts";

/** `ciam-emulator`'s exit codes (docs/emulator.md). */
export const BIN_EXIT = {
  /** Stopped with Ctrl-C or SIGTERM, state saved. */
  ok: 0,
  /** An unexpected failure (a bug). */
  failure: 1,
  /** Unknown option or a wrong value: nothing started. */
  usage: 2,
  /** Could not start: the data directory is corrupt, unreadable or in use, or an address or file cannot be used. */
  cannotStart: 3,
} as const;

/** A wrong command line: one line on stderr, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export const HELP = `ciam-emulator: a local HTTPS emulator of the Entra token service, Microsoft Graph and ARM.

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
  --version               print the version
  -h, --help              this text

Exit codes: 0 stopped (state saved), 1 unexpected failure, 2 wrong option or value,
3 could not start (data directory corrupt, unreadable or in use; address in use; file not writable).
`;

/** What the command line asks for. */
export type BinCommand =
  | { kind: "help" }
  | { kind: "version" }
  | {
      kind: "start";
      options: EmulatorOptions;
      dataDir: string | undefined;
      caFile: string | undefined;
      json: boolean;
    };

/** Parses `argv` (without node and the script); throws {@link UsageError} for anything wrong. */
export function parseBinArgs(argv: readonly string[]): BinCommand {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (error) {
    // node:util's messages name the option ("Unknown option '--x'. …"); drop its advice about "--".
    throw new UsageError(`${(error as Error).message.split(". ")[0]}. See ciam-emulator --help.`);
  }
  if (values.help === true) return { kind: "help" };
  if (values.version === true) return { kind: "version" };
  const throttling = values.throttling ?? "on";
  if (throttling !== "on" && throttling !== "off")
    throw new UsageError("--throttling must be 'on' or 'off'.");
  const timeScale = Number(values["time-scale"] ?? "1");
  if (!(timeScale > 0) || !Number.isFinite(timeScale))
    throw new UsageError("--time-scale must be a positive number.");
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError("--seed must be an integer.");
  const dataDir = values["data-dir"] === undefined ? undefined : resolve(values["data-dir"]);
  const options: EmulatorOptions = {
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
  };
  return {
    kind: "start",
    options,
    dataDir,
    caFile: values["ca-file"] === undefined ? undefined : resolve(values["ca-file"]),
    json: values.json === true,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
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
      version: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
}

function port(name: string, value: string | undefined): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (value.trim() === "" || !Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`--${name} must be a port number (0-65535), not '${value}'.`);
  return n;
}

function faults(value: string | undefined) {
  if (value === undefined) return {};
  let text = value;
  if (!value.trimStart().startsWith("{")) {
    try {
      text = readFileSync(value, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new UsageError(`--faults: the file ${value} cannot be read (${code}).`);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError("--faults is neither a JSON object nor a file holding one.");
  }
  const parsed = FaultSettingsSchema.safeParse(json);
  if (!parsed.success)
    throw new UsageError(
      `--faults: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return parsed.data;
}
