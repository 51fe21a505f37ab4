import { redactText } from "./redact.ts";

/** Severity of a log entry. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** One structured log entry. Every string in it has been redacted before the logger sees it. */
export interface LogEntry {
  level: LogLevel;
  /** A stable event name, e.g. `http.request`, `http.retry`, `auth.token`. */
  event: string;
  message: string;
  data?: Record<string, unknown> | undefined;
}

/** Receives ciamkit's log entries; wire it to pino, console.error, a file, or a test array. */
export type Logger = (entry: LogEntry) => void;

function redactValue(value: unknown): unknown {
  if (typeof value === "string") return redactText(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v)]));
  }
  return value;
}

/** Sends an entry to the logger (if any) with every string redacted once more, as a last line of defence. */
export function emit(logger: Logger | undefined, entry: LogEntry): void {
  if (logger === undefined) return;
  logger({
    level: entry.level,
    event: entry.event,
    message: redactText(entry.message),
    data: entry.data === undefined ? undefined : (redactValue(entry.data) as Record<string, unknown>),
  });
}
