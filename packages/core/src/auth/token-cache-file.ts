import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import type { ICachePlugin } from "@azure/msal-node";

/** Where the delegated sign-in cache lives unless told otherwise: `~/.ciamkit/msal-cache.json`. */
export function defaultTokenCachePath(): string {
  return join(homedir(), ".ciamkit", "msal-cache.json");
}

/**
 * An MSAL cache plugin persisting the token cache (refresh tokens included) to one file readable by
 * its owner only: directory 0700, file 0600, written to a temporary file and renamed so a crash never
 * leaves half a cache.
 */
export function fileTokenCachePlugin(path: string = defaultTokenCachePath()): ICachePlugin {
  return {
    async beforeCacheAccess(context) {
      try {
        context.tokenCache.deserialize(await readFile(path, "utf8"));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
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
