#!/usr/bin/env node
// A tracked launcher, so the bin link exists before the first build.
import "../dist/bin.js";
