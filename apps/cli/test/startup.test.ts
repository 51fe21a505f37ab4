import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, requireBuilt, sandbox } from "./harness.ts";

const box = sandbox();
const recorder = fileURLToPath(new URL("./fixtures/record-imports.mjs", import.meta.url));
beforeAll(() => requireBuilt());
afterAll(() => box.remove());

/** Modules that mean HTTP, MSAL or the catalog's schemas were loaded. */
const HEAVY = [
  /^node:https?$/,
  /^node:(tls|net)$/,
  /@azure\/msal/,
  /undici/,
  /\/zod\//,
  /packages\/core\//,
  /@ciamkit\/core/,
  /packages\/emulator\//,
];

describe("fast start", () => {
  it.each([
    ["--version"],
    ["--help"],
    ["user", "--help"],
    ["user", "list", "--help"],
    ["completion", "bash"],
  ])("`ciam %s` loads no HTTP, MSAL or catalog code", (...args) => {
    const log = join(box.dir, `${args.join("-")}.log`);
    const run = spawnSync(process.execPath, ["--import", recorder, BIN, ...args], {
      encoding: "utf8",
      env: { ...box.env, CIAM_IMPORT_LOG: log },
    });
    expect(run.status).toBe(0);
    const loaded = readFileSync(log, "utf8").trim().split("\n");
    expect(loaded.some((url) => url.includes("commander"))).toBe(true);
    for (const url of loaded) for (const heavy of HEAVY) expect(url).not.toMatch(heavy);
  });
});
