#!/usr/bin/env node
import { loadManifest } from "./manifest/load-manifest.ts";
import { createProgram } from "./program.ts";

// Only commander and the JSON manifest load here; HTTP, MSAL and zod wait until a command runs.
const program = createProgram(await loadManifest());
await program.parseAsync(process.argv);
