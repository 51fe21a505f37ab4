import { isIP } from "node:net";
import { hostname, networkInterfaces } from "node:os";

/** True for addresses that only this machine can reach: 127.0.0.0/8, ::1 and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const h = unbracket(host).toLowerCase();
  if (h === "localhost") return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (isIP(h) === 6) return h === "::1" || h === "0:0:0:0:0:0:0:1";
  return false;
}

/** True for the wildcard addresses that bind every interface: `0.0.0.0` and `::`. */
export function isAllInterfaces(host: string): boolean {
  const h = unbracket(host);
  return h === "0.0.0.0" || (isIP(h) === 6 && /^[0:]+$/.test(h));
}

/** The names and addresses this machine answers to: its host name and every interface address. */
export function machineNames(): string[] {
  const names = [hostname()];
  for (const addresses of Object.values(networkInterfaces())) {
    // A link-local IPv6 address carries a zone (`fe80::1%eth0`) that no Host header can spell.
    for (const a of addresses ?? []) names.push(a.address.replace(/%.*$/, ""));
  }
  return names;
}

/** What {@link hostPolicy} is built from. */
export interface HostPolicyOptions {
  /** The address the server is bound to. */
  bindHost: string;
  /** The port it listens on. */
  port: number;
  /**
   * More names clients may use (`--allowed-host`): `name` (any port: a reverse proxy sends the
   * public name without the server's port) or `name:port`.
   */
  allowedHosts?: readonly string[];
  /** This machine's names and addresses; read again when a request names none of them (DHCP, VPN). */
  machine?: () => string[];
}

/** Decides which `Host` and `Origin` values a request may carry. */
export interface HostPolicy {
  allowsHost(header: string | undefined): boolean;
  allowsOrigin(origin: string): boolean;
  /** The `host:port` values allowed, for messages and tests (`name` alone for any port). */
  describe(): string[];
}

/**
 * The `Host` (and browser `Origin`) values a request may carry. Anything else is a DNS-rebinding
 * attempt (a page on evil.example resolving its name to this machine) or a misrouted request, and is
 * refused. Bound to loopback, the loopback names are allowed; bound to every interface (`0.0.0.0`,
 * `::`), also this machine's host name and interface addresses, since clients on the network reach it
 * by those; bound to one address, that address. `allowedHosts` adds names on top (a DNS name, a proxy).
 */
export function hostPolicy(options: HostPolicyOptions): HostPolicy {
  const { bindHost, port } = options;
  const machine = options.machine ?? machineNames;
  const anyPort = new Set<string>();
  const exact = new Set<string>();
  for (const entry of options.allowedHosts ?? []) {
    const parsed = parseHostPort(entry);
    if (parsed === undefined) throw new Error(`Not a host name or address: '${entry}'.`);
    if (parsed.port === undefined) anyPort.add(parsed.name);
    else exact.add(`${parsed.name}:${parsed.port}`);
  }
  const fixed = new Set<string>([canonicalName(bindHost)]);
  if (isLoopbackHost(bindHost) || isAllInterfaces(bindHost)) {
    for (const name of ["127.0.0.1", "localhost", "::1"]) fixed.add(name);
  }
  const readMachine = () => new Set(isAllInterfaces(bindHost) ? machine().map(canonicalName) : []);
  let machineSet = readMachine();

  const allows = (name: string, requestPort: number): boolean => {
    if (anyPort.has(name) || exact.has(`${name}:${requestPort}`)) return true;
    if (requestPort !== port) return false;
    if (fixed.has(name) || machineSet.has(name)) return true;
    // The interfaces may have changed since start (a new lease, a VPN): look once more.
    machineSet = readMachine();
    return machineSet.has(name);
  };

  return {
    allowsHost(header) {
      const parsed = header === undefined ? undefined : parseHostPort(header);
      return parsed !== undefined && allows(parsed.name, parsed.port ?? 80);
    },
    allowsOrigin(origin) {
      let url: URL;
      try {
        url = new URL(origin);
      } catch {
        return false; // `null` (a sandboxed frame, a file:// page) and anything unparseable
      }
      if (url.protocol !== "http:" && url.protocol !== "https:") return false;
      const defaultPort = url.protocol === "https:" ? 443 : 80;
      return allows(unbracket(url.hostname), url.port === "" ? defaultPort : Number(url.port));
    },
    describe() {
      const at = (name: string) => `${isIP(name) === 6 ? `[${name}]` : name}:${port}`;
      return [...new Set([...[...fixed, ...machineSet].map(at), ...exact, ...anyPort])];
    },
  };
}

/** `name`, `name:port`, `[v6]` or `[v6]:port` as a lower-case name without brackets and a port. */
function parseHostPort(value: string): { name: string; port: number | undefined } | undefined {
  // A bare IPv6 address (`--allowed-host fd00::2`) has colons but no brackets.
  const text = isIP(value) === 6 ? `[${value}]` : value;
  let url: URL;
  try {
    url = new URL(`http://${text}`);
  } catch {
    return undefined;
  }
  // Only a host (and port): no user, path, query or fragment smuggled in.
  if (
    url.username !== "" ||
    url.password !== "" ||
    url.pathname !== "/" ||
    url.search !== "" ||
    url.hash !== ""
  ) {
    return undefined;
  }
  const name = unbracket(url.hostname).replace(/\.$/, "");
  if (/[/?#@\s]/.test(text) || (isIP(name) === 0 && !DNS_NAME.test(name))) return undefined;
  const explicitPort = /:(\d+)$/.exec(text)?.[1];
  return {
    name,
    port: explicitPort === undefined ? undefined : Number(explicitPort),
  };
}

/** A name or address as the URL parser spells it (lower case, IPv6 compressed), to compare Host values with. */
function canonicalName(name: string): string {
  return parseHostPort(unbracket(name))?.name ?? name.toLowerCase();
}

/** Labels of letters, digits, `-` and `_` (container names), as the URL parser lowercases and punycodes them. */
const DNS_NAME = /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;

function unbracket(host: string): string {
  return host.replace(/^\[|\]$/g, "");
}
