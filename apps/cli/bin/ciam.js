#!/usr/bin/env node
// A tracked launcher, so the bin link exists before the first build. It turns on Node's module
// compile cache first (Node ≥ 22.1; NODE_DISABLE_COMPILE_CACHE=1 turns it off): V8's compiled code of
// the ~400 modules a start loads is kept on disk, so every start after the first skips compiling them.
import module from "node:module";

module.enableCompileCache?.();
await import("../dist/bin.js");
