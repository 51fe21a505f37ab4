// `ciam config` with branding images and CSS as files beside branding.yaml: exported into the spec
// folder, planned by size and hash, applied to another tenant, exported back byte for byte; paths
// outside the folder refused with file and line; and `config apply` without --yes asking with the plan.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { png } from "@ciamkit/emulator/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ciam, json, type Run, requireBuilt, startTenant, type TestTenant } from "./harness.ts";
import { hasTmux, openTerminal, type Terminal } from "./tmux.ts";

let a: TestTenant;
let b: TestTenant;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "ciam-config-files-"));
  dirs.push(dir);
  return dir;
};
const ok = (run: Run) => {
  expect(run.status, run.stderr).toBe(0);
  return run;
};
/** Every file under `dir`, by relative path, as base64 (images and YAML alike). */
const tree = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = readFileSync(path).toString("base64");
    }
  };
  walk(dir);
  return out;
};

beforeAll(async () => {
  requireBuilt();
  [a, b] = await Promise.all([startTenant(), startTenant()]);
  const input = join(tempDir(), "branding.json");
  writeFileSync(
    input,
    JSON.stringify({
      default: {
        signInPageText: "Welcome",
        files: {
          bannerLogo: { contentBase64: png(245, 36).toString("base64") },
          squareLogo: { contentBase64: png(240, 240).toString("base64") },
          customCSS: { text: ".ext-header { color: #0A2540; }" },
        },
      },
      localizations: [
        {
          locale: "fr-FR",
          signInPageText: "Bienvenue",
          files: { favicon: { contentBase64: png(32, 32).toString("base64") } },
        },
      ],
    }),
  );
  ok(await ciam(["branding", "apply", "--input", input], a.env));
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("ciam config with branding files", () => {
  it("round trip: images and CSS exported beside branding.yaml, applied to B, exported from B byte for byte", async () => {
    const dirA = tempDir();
    ok(await ciam(["config", "export", dirA], a.env));
    expect(Object.keys(tree(dirA)).filter((p) => p.startsWith("branding/"))).toEqual([
      "branding/default/bannerLogo.png",
      "branding/default/customCSS.css",
      "branding/default/squareLogo.png",
      "branding/fr-FR/favicon.png",
    ]);
    expect(readFileSync(join(dirA, "branding.yaml"), "utf8")).toContain(
      "fr-FR:\n  files:\n    favicon: branding/fr-FR/favicon.png\n",
    );
    const plan = await ciam(["config", "plan", dirA, "--detailed-exitcode", "-o", "table"], b.env);
    expect(plan.status, plan.stderr).toBe(2);
    expect(plan.stdout).toMatch(/ {6}files\.bannerLogo: "\d+ bytes, sha256 [0-9a-f]{32}"\n/);
    ok(await ciam(["config", "apply", dirA, "--yes"], b.env));
    ok(await ciam(["config", "plan", dirA, "--detailed-exitcode"], b.env));
    const dirB = tempDir();
    ok(await ciam(["config", "export", dirB], b.env));
    expect(tree(dirB)).toEqual(tree(dirA));
  });

  it("refuses a file outside the spec folder with its file and line, sending nothing", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "branding.yaml"), "default:\n  files:\n    bannerLogo: ../../logo.png\n");
    const before = b.requests();
    const run = await ciam(["config", "plan", dir], b.env);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `${join(dir, "branding.yaml")}:3:17: branding.default.files.bannerLogo: a path inside the spec folder`,
    );
    expect(b.requests()).toBe(before);
  });
});

describe.skipIf(!hasTmux)("ciam config apply on a terminal", () => {
  let terminal: Terminal;
  beforeAll(() => {
    terminal = openTerminal();
  });
  afterAll(() => terminal?.close());

  it("asks with the plan (counts, changes, deletes called out); no changes nothing, yes applies", async () => {
    const dir = tempDir();
    ok(await ciam(["group", "create", "--display-name", "Old customers"], b.env));
    writeFileSync(
      join(dir, "groups.yaml"),
      "Beta testers: {}\nNew customers:\n  description: Joined this year\n",
    );
    const args = ["config", "apply", dir, "--prune"];
    const no = terminal.start("apply-no", args, b.env, tempDir());
    const screen = await terminal.screenShowing(no, /Apply these changes\? \[y\/N\]/);
    expect(screen).toContain("Plan: 1 to create, 0 to update, 0 to replace, 1 to delete.");
    expect(screen).toContain("  + groups 'New customers'");
    expect(screen).toContain("  - groups 'Old customers'");
    expect(screen).toContain("! 1 to delete or replace (cannot be undone): groups 'Old customers'");
    terminal.keys(no, "n", "Enter");
    expect(await terminal.screenShowing(no, /\[exit=\d+\]/)).toContain("not confirmed; nothing was changed");
    // Refused: the plan is still all to do.
    const plan = ["config", "plan", dir, "--prune", "--detailed-exitcode", "-o", "json"];
    const left = await ciam(plan, b.env);
    expect(left.status, left.stderr).toBe(2);
    expect(json<{ counts: unknown }>(left).counts).toEqual({ create: 1, update: 0, replace: 0, delete: 1 });

    const yes = terminal.start("apply-yes", args, b.env, tempDir());
    await terminal.screenShowing(yes, /Apply these changes\? \[y\/N\]/);
    terminal.keys(yes, "y", "Enter");
    expect(await terminal.screenShowing(yes, /\[exit=\d+\]/)).toContain("[exit=0]");
    ok(await ciam(plan, b.env));
  });
});
