import { timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";

/** True for addresses that only this machine can reach: 127.0.0.0/8, ::1 and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost") return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (isIP(h) === 6) return h === "::1" || h === "0:0:0:0:0:0:0:1";
  return false;
}

/**
 * The `Host` values a request may carry. Anything else is a DNS-rebinding attempt (a page on
 * evil.example resolving its name to 127.0.0.1) or a misrouted request, and is refused.
 */
export function allowedHostHeaders(bindHost: string, port: number): string[] {
  const hosts = new Set<string>();
  const add = (h: string) => hosts.add(`${h}:${port}`);
  if (isLoopbackHost(bindHost)) {
    add("127.0.0.1");
    add("localhost");
    add("[::1]");
  }
  add(isIP(bindHost) === 6 ? `[${bindHost}]` : bindHost);
  return [...hosts];
}

/** Compares a presented bearer token with the expected one in constant time. */
export function bearerMatches(authorization: string | undefined, expected: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (match === null) return false;
  const presented = Buffer.from(match[1] as string);
  const wanted = Buffer.from(expected);
  return presented.length === wanted.length && timingSafeEqual(presented, wanted);
}
