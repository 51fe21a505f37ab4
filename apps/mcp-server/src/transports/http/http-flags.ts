import { z } from "zod";
import { hostPolicy } from "./host-check.ts";
import { SESSION_DEFAULTS } from "./session-table.ts";

/** The HTTP transport's own flags, for `parseArgs` (all apply with `--http` only). */
export const HTTP_FLAGS = {
  "allowed-host": { type: "string", multiple: true },
  "session-idle": { type: "string" },
  "max-sessions": { type: "string" },
  "max-per-client": { type: "string" },
} as const;

/** Their lines in `ciam-mcp --help`. */
export const HTTP_FLAGS_USAGE = `  --allowed-host <name>   with --http: also accept requests for this Host (name or name:port; repeat
                          or a,b); bound to 0.0.0.0 or ::, this machine's names and addresses are accepted
  --session-idle <min>    with --http: close a session after this many idle minutes (default ${SESSION_DEFAULTS.sessionIdleMs / 60_000})
  --max-sessions <n>      with --http: most open sessions (default ${SESSION_DEFAULTS.maxSessions})
  --max-per-client <n>    with --http: most open sessions of one client address (default ${SESSION_DEFAULTS.maxSessionsPerClient})`;

/** The HTTP transport's settings from its flags; only those given are set (the rest keep their defaults). */
export interface HttpFlagSettings {
  allowedHosts?: string[];
  sessionIdleMs?: number;
  maxSessions?: number;
  maxSessionsPerClient?: number;
}

type FlagValues = { [K in keyof typeof HTTP_FLAGS]?: K extends "allowed-host" ? string[] : string };

const count = (max: number) => z.coerce.number().int().min(1).max(max);

/**
 * Reads the HTTP flags; returns a one-line reason (for a usage error) on a mistake. `http` says
 * whether `--http` was given: without it these flags mean nothing and are refused.
 */
export function readHttpFlags(values: FlagValues, http: boolean): HttpFlagSettings | string {
  for (const flag of Object.keys(HTTP_FLAGS) as (keyof typeof HTTP_FLAGS)[]) {
    if (!http && values[flag] !== undefined) return `--${flag} only applies with --http`;
  }
  const settings: HttpFlagSettings = {};
  if (values["allowed-host"] !== undefined) {
    const hosts = values["allowed-host"].flatMap((v) => v.split(",")).map((h) => h.trim());
    for (const name of hosts) {
      try {
        hostPolicy({ bindHost: "127.0.0.1", port: 0, allowedHosts: [name] });
      } catch {
        return `--allowed-host '${name}' is not a host name or address (give name or name:port, e.g. mcp.example.com or 10.0.0.5:3000)`;
      }
    }
    settings.allowedHosts = hosts;
  }
  const numbers = [
    ["session-idle", "sessionIdleMs", 7 * 24 * 60, 60_000],
    ["max-sessions", "maxSessions", 10_000, 1],
    ["max-per-client", "maxSessionsPerClient", 10_000, 1],
  ] as const;
  for (const [flag, key, max, scale] of numbers) {
    const value = values[flag];
    if (value === undefined) continue;
    const parsed = count(max).safeParse(value);
    if (!parsed.success) return `--${flag} must be a whole number from 1 to ${max}, not '${value}'`;
    settings[key] = parsed.data * scale;
  }
  if ((settings.maxSessionsPerClient ?? 0) > (settings.maxSessions ?? SESSION_DEFAULTS.maxSessions)) {
    return "--max-per-client cannot be more than --max-sessions";
  }
  return settings;
}
