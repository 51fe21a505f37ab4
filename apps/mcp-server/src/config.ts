import { parseArgs } from "node:util";
import { profileNameSchema } from "@ciamkit/core";
import { MAKE_TOKEN_HINT, tokenWeakness } from "./transports/http/bearer-token.ts";
import { isLoopbackHost } from "./transports/http/host-check.ts";
import {
  HTTP_FLAGS,
  HTTP_FLAGS_USAGE,
  type HttpFlagSettings,
  readHttpFlags,
} from "./transports/http/http-flags.ts";

/** How ciam-mcp was asked to run, from its command line and environment. */
export interface McpConfig {
  transport: "stdio" | "http";
  host: string;
  port: number;
  /** Bearer token for HTTP, from `CIAM_MCP_TOKEN`; generated when absent. */
  token: string | undefined;
  /** Serve HTTP without a token (loopback only; for local tools that cannot send headers). */
  insecureNoAuth: boolean;
  /** HTTP: more allowed Host names, session idle time and caps (only those given). */
  httpSettings: HttpFlagSettings;
  /** List and allow only read tools. */
  readOnly: boolean;
  /** Areas (toolsets) to enable; all when undefined. */
  toolsets: string[] | undefined;
  /** Individual tools to enable; all (of the toolsets) when undefined. */
  tools: string[] | undefined;
  /** Run destructive tools without an elicitation confirmation when the client cannot elicit. */
  allowDestructive: boolean;
  /** Print the Graph and ARM permissions the enabled tools need, then exit. */
  listPermissions: boolean;
  /** Serve three meta-tools (search, describe, run) instead of every tool. */
  discovery: boolean;
  /** Run against the emulator's demo tenant: the persistent state `ciam --emulator` uses. */
  emulator: boolean;
  /** With `emulator`: a throw-away state in memory instead. */
  emulatorInMemory: boolean;
  /** The sign-in profile (`ciam login`) to act as; `AZURE_*` variables override it, as in the CLI. */
  profile: string | undefined;
  /**
   * The one directory whose files tools may read and write, by names relative to it; without it no
   * tool takes a path (the data travels inline).
   */
  filesDir: string | undefined;
  help: boolean;
  version: boolean;
}

/** A command-line mistake: the bin prints the message and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export const USAGE = `Usage: ciam-mcp [options]

Serves Microsoft Entra External ID tenant operations as MCP tools, over stdio (default) or HTTP.

Options:
  --http                  serve Streamable HTTP at http://HOST:PORT/mcp instead of stdio
  --host <address>        address to bind with --http (default 127.0.0.1)
  --port <number>         port with --http (default 3000; 0 picks a free one)
  --insecure-no-auth      with --http on loopback only: accept requests without the bearer token
${HTTP_FLAGS_USAGE}
  --read-only             offer and allow read tools only (and no tool writes a file)
  --files-dir <dir>       let tools read and write files in this directory (names relative to it);
                          without it, no tool takes a path: data travels in the call and its result
  --toolsets <a,b>        enable only these areas (e.g. users,groups)
  --tools <a,b>           enable only these tools (e.g. user_list,user_get)
  --allow-destructive     allow destructive tools without confirmation when the client cannot ask the user
  --discovery             three meta-tools (search, describe, run) instead of every tool
  --list-permissions      print the permissions the enabled tools need, and exit
  --emulator              run against the emulator's demo tenant, on the same saved state as
                          \`ciam --emulator\` (CIAM_DATA_DIR/emulator or ~/.local/share/ciamkit/emulator)
  --emulator-in-memory    run against a throw-away emulator in memory instead, discarded at exit
  --profile <name>        act as a profile saved by \`ciam login\` (default: the current profile)
  --version               print the version
  --help                  print this help

Environment: AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH,
AZURE_CLIENT_CERTIFICATE_PASSWORD, AZURE_FEDERATED_TOKEN_FILE, AZURE_AUTHORITY_HOST, CIAM_GRAPH_ENDPOINT,
CIAM_ARM_ENDPOINT, CIAM_CA_FILE (where to connect and as whom, read as \`ciam\` reads them, see
docs/connecting.md; when AZURE_TENANT_ID or AZURE_CLIENT_ID is set they override any profile);
CIAM_CONFIG_DIR (where profiles are kept); CIAM_MCP_TOKEN (the HTTP bearer token, at least 32 random characters, e.g. from
\`openssl rand -base64 32\`; generated and printed on stderr when unset).`;

/** Parses ciam-mcp's arguments; throws {@link UsageError} with a one-line reason on a mistake. */
export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): McpConfig {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split("\n")[0]} (run ciam-mcp --help)`);
  }
  const v = parsed.values;
  const list = (name: string, value: string | undefined): string[] | undefined => {
    if (value === undefined) return undefined;
    const items = value
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
    if (items.length === 0) throw new UsageError(`--${name} needs a comma-separated list`);
    return items;
  };
  let port = 3000;
  if (v.port !== undefined) {
    port = Number(v.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError(`--port must be a whole number from 0 to 65535, not '${v.port}'`);
    }
  }
  const http = v.http === true;
  for (const flag of ["host", "port", "insecure-no-auth"] as const) {
    if (!http && v[flag] !== undefined) throw new UsageError(`--${flag} only applies with --http`);
  }
  if (v["insecure-no-auth"] === true && !isLoopbackHost(v.host ?? "127.0.0.1")) {
    throw new UsageError(
      "--insecure-no-auth is only allowed on a loopback --host (127.0.0.1, ::1, localhost): anyone who can reach the address could use the server",
    );
  }
  if (v["files-dir"] !== undefined && v["files-dir"].trim() === "")
    throw new UsageError("--files-dir needs a directory");
  if (v.profile !== undefined) {
    if (v.emulator === true || v["emulator-in-memory"] === true)
      throw new UsageError("--profile and --emulator cannot be combined");
    const name = profileNameSchema.safeParse(v.profile);
    if (!name.success) {
      throw new UsageError(
        `--profile '${v.profile}' is not a profile name (${name.error.issues[0]?.message ?? "invalid"})`,
      );
    }
  }
  const token =
    env.CIAM_MCP_TOKEN === undefined || env.CIAM_MCP_TOKEN === "" ? undefined : env.CIAM_MCP_TOKEN;
  if (v["insecure-no-auth"] === true && token !== undefined) {
    throw new UsageError("--insecure-no-auth cannot be combined with CIAM_MCP_TOKEN");
  }
  const weakness = http && token !== undefined ? tokenWeakness(token) : undefined;
  if (weakness !== undefined)
    throw new UsageError(`CIAM_MCP_TOKEN is too weak: ${weakness}. ${MAKE_TOKEN_HINT}.`);
  const httpSettings = readHttpFlags(v, http);
  if (typeof httpSettings === "string") throw new UsageError(httpSettings);
  return {
    transport: http ? "http" : "stdio",
    host: v.host ?? "127.0.0.1",
    port,
    token,
    insecureNoAuth: v["insecure-no-auth"] === true,
    httpSettings,
    readOnly: v["read-only"] === true,
    toolsets: list("toolsets", v.toolsets),
    tools: list("tools", v.tools),
    allowDestructive: v["allow-destructive"] === true,
    listPermissions: v["list-permissions"] === true,
    discovery: v.discovery === true,
    emulator: v.emulator === true || v["emulator-in-memory"] === true,
    emulatorInMemory: v["emulator-in-memory"] === true,
    profile: v.profile,
    filesDir: v["files-dir"],
    help: v.help === true,
    version: v.version === true,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      http: { type: "boolean" },
      host: { type: "string" },
      port: { type: "string" },
      "insecure-no-auth": { type: "boolean" },
      ...HTTP_FLAGS,
      "read-only": { type: "boolean" },
      toolsets: { type: "string" },
      tools: { type: "string" },
      "allow-destructive": { type: "boolean" },
      discovery: { type: "boolean" },
      "list-permissions": { type: "boolean" },
      emulator: { type: "boolean" },
      "emulator-in-memory": { type: "boolean" },
      profile: { type: "string" },
      "files-dir": { type: "string" },
      version: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}
