import { readFileSync } from "node:fs";
import type { Manifest } from "./manifest-types.ts";

/** Written next to the built code by `write-manifest` (`dist/manifest.json`). */
const MANIFEST_URL = new URL("../manifest.json", import.meta.url);

/**
 * The command manifest: the prebuilt JSON when it exists (the built CLI, fast), else built from the
 * catalog on the spot (running from source).
 */
export async function loadManifest(): Promise<Manifest> {
  try {
    return JSON.parse(readFileSync(MANIFEST_URL, "utf8")) as Manifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const { buildManifest } = await import("./build-manifest.ts");
  return buildManifest();
}
