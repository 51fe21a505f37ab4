import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * A dependency loaded on first use instead of when `@ciamkit/core` is imported. Importing core is
 * on the start-up path of `ciam` and `ciam-mcp` (an MCP client starts the server for every
 * session), and undici, node-forge, csv and yaml are ~150 module files that only some calls need:
 * a custom CA, a PKCS#12 certificate, a bulk import or export, a mapping file. Each is loaded
 * through its CommonJS entry, synchronously, the first time the returned function is called; the
 * types come from an `import type` of the same module.
 */
export function lazyModule<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(id) as T;
    return loaded;
  };
}
