#!/usr/bin/env node
import { loadManifest } from "./manifest/load-manifest.ts";
import { createProgram } from "./program.ts";

// `ciam … | head` closes the pipe early: the reader has what it wanted, so stop quietly (as cat does)
// instead of dying on an unhandled EPIPE with a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

// Only commander and the JSON manifest load here; HTTP, MSAL and zod wait until a command runs.
const program = createProgram(await loadManifest());
await program.parseAsync(process.argv);
