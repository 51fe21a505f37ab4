import { readFileSync } from "node:fs";

/**
 * The version of `@ciamkit/core`, read from its package.json (the same file from `src/` and `dist/`),
 * so that no version string is written twice.
 */
export const CIAMKIT_VERSION: string = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
).version;

/**
 * The `User-Agent` ciamkit sends to Microsoft Graph and Azure Resource Manager:
 * `ciamkit/<version>`, then the caller's own product token if given, then the Node.js version.
 *
 * @example userAgent("my-pipeline/1.2") // "ciamkit/0.1.0 my-pipeline/1.2 node/24.1.0"
 */
export function userAgent(product?: string): string {
  const parts = [`ciamkit/${CIAMKIT_VERSION}`];
  if (product !== undefined && product.trim() !== "") parts.push(product.trim());
  parts.push(`node/${process.versions.node}`);
  return parts.join(" ");
}
