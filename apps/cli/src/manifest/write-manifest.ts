// Build step: writes dist/manifest.json from the catalog, so help and completion need not import it.
import { writeFileSync } from "node:fs";
import { buildManifest } from "./build-manifest.ts";

writeFileSync(new URL("../manifest.json", import.meta.url), `${JSON.stringify(buildManifest())}\n`);
