import { createHash } from "node:crypto";
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import type { ICachePlugin } from "@azure/msal-node";

/**
 * The cache file earlier versions shared between every device-code sign-in of an OS user,
 * `~/.ciamkit/msal-cache.json`: two profiles could sign in as each other through it.
 */
export function legacyTokenCachePath(): string {
  return join(homedir(), ".ciamkit", "msal-cache.json");
}

/**
 * The delegated sign-in cache for one authority and client when no profile names it:
 * `~/.ciamkit/msal-cache-<hash>.json`, so different tenants, clouds and apps never share tokens.
 */
export function defaultTokenCachePath(authority: string, clientId: string): string {
  const key = createHash("sha256")
    .update(`${authority.replace(/\/+$/, "").toLowerCase()}|${clientId.toLowerCase()}`)
    .digest("hex")
    .slice(0, 16);
  return join(homedir(), ".ciamkit", `msal-cache-${key}.json`);
}

/** Which entries of a shared cache belong to a credential (see {@link fileTokenCachePlugin}). */
export interface CacheMigration {
  /** The shared cache file to copy from. */
  from: string;
  clientId: string;
  /** The authority host (`login.microsoftonline.com`, `127.0.0.1:8443`), MSAL's `environment`. */
  environment: string;
}

type CacheSection = Record<string, Record<string, unknown>>;
const TOKEN_SECTIONS = ["AccessToken", "RefreshToken", "IdToken"] as const;

/**
 * The part of a serialized MSAL cache that belongs to one client at one authority host, when it is
 * one account's: with several accounts there is no telling which one a profile meant, so nothing
 * is taken (the user signs in again).
 */
export function selectCacheEntries(serialized: string, migration: CacheMigration): string | undefined {
  let cache: Record<string, CacheSection | undefined>;
  try {
    cache = JSON.parse(serialized) as Record<string, CacheSection | undefined>;
  } catch {
    return undefined;
  }
  const sameClient = (e: Record<string, unknown>) =>
    String(e.client_id ?? "").toLowerCase() === migration.clientId.toLowerCase() &&
    String(e.environment ?? "").toLowerCase() === migration.environment.toLowerCase();
  const out: Record<string, CacheSection> = {};
  const accounts = new Set<string>();
  for (const section of TOKEN_SECTIONS) {
    out[section] = {};
    for (const [key, entry] of Object.entries(cache[section] ?? {})) {
      if (!sameClient(entry)) continue;
      (out[section] as CacheSection)[key] = entry;
      accounts.add(String(entry.home_account_id));
    }
  }
  if (accounts.size !== 1) return undefined;
  out.Account = Object.fromEntries(
    Object.entries(cache.Account ?? {}).filter(([, a]) => accounts.has(String(a.home_account_id))),
  );
  out.AppMetadata = Object.fromEntries(
    Object.entries(cache.AppMetadata ?? {}).filter(([, m]) => sameClient(m)),
  );
  return JSON.stringify(out);
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * An MSAL cache plugin persisting the token cache (refresh tokens included) to one file readable by
 * its owner only: directory 0700, file 0600, written to a temporary file and renamed so a crash never
 * leaves half a cache. With `migrate`, a missing file starts from this client's entries of the
 * shared cache earlier versions wrote (which is left in place: other profiles may take theirs).
 */
export function fileTokenCachePlugin(path: string, migrate?: CacheMigration): ICachePlugin {
  return {
    async beforeCacheAccess(context) {
      const own = await readIfExists(path);
      if (own !== undefined) {
        context.tokenCache.deserialize(own);
        return;
      }
      if (migrate === undefined) return;
      const shared = await readIfExists(migrate.from);
      const mine = shared === undefined ? undefined : selectCacheEntries(shared, migrate);
      if (mine !== undefined) context.tokenCache.deserialize(mine);
    },
    async afterCacheAccess(context) {
      if (!context.cacheHasChanged) return;
      const dir = dirname(path);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await chmod(dir, 0o700);
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, context.tokenCache.serialize(), { mode: 0o600 });
      await chmod(temporary, 0o600);
      await rename(temporary, path);
    },
  };
}
