import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

/**
 * What a user installs from the registry: each package packed by `pnpm pack` (what `pnpm publish`
 * uploads) declares caret ranges of third-party dependencies (a user's own zod or msal-node is then
 * shared, not nested), no `workspace:`/`catalog:` protocol, and carries its README and the LICENSE;
 * `npm pack`, which would ship those protocols and no LICENSE, is refused.
 */
const root = fileURLToPath(new URL("../../..", import.meta.url));
const run = promisify(execFile);
const packages = [
  "packages/core",
  "packages/emulator",
  "packages/entra-policy",
  "apps/cli",
  "apps/mcp-server",
];
const out = mkdtempSync(join(tmpdir(), "ciamkit-publish-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface Manifest {
  name: string;
  version: string;
  description?: string;
  keywords?: string[];
  dependencies?: Record<string, string>;
}

async function packed(dir: string): Promise<{ manifest: Manifest; files: string[] }> {
  const dest = mkdtempSync(join(out, "pack-"));
  await run("pnpm", ["pack", "--pack-destination", dest], { cwd: join(root, dir) });
  const tarball = readdirSync(dest).find((f) => f.endsWith(".tgz"));
  if (tarball === undefined) throw new Error(`pnpm pack wrote no tarball for ${dir}`);
  const { stdout } = await run("tar", ["-tzf", join(dest, tarball)], { maxBuffer: 64 * 1024 * 1024 });
  await run("tar", ["-xzf", join(dest, tarball), "-C", dest, "package/package.json"]);
  const manifest = JSON.parse(readFileSync(join(dest, "package", "package.json"), "utf8")) as Manifest;
  return { manifest, files: stdout.split("\n").filter((f) => f !== "") };
}

describe("the published packages", () => {
  it.each(packages)(
    "%s: caret ranges, no workspace or catalog protocol, README, LICENSE, keywords",
    async (dir) => {
      const { manifest, files } = await packed(dir);
      for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
        if (name.startsWith("@ciamkit/")) expect(range, name).toMatch(/^\d+\.\d+\.\d+/);
        else expect(range, name).toMatch(/^\^\d/);
      }
      expect(JSON.stringify(manifest)).not.toMatch(/"(workspace|catalog):/);
      expect(files).toEqual(
        expect.arrayContaining(["package/README.md", "package/LICENSE", "package/package.json"]),
      );
      expect(manifest.description?.length).toBeGreaterThan(20);
      expect(manifest.keywords?.length).toBeGreaterThan(1);
    },
    120_000,
  );

  it("npm pack is refused with the command to run instead, and writes no tarball", async () => {
    const dest = mkdtempSync(join(out, "npm-"));
    const result = await run("npm", ["pack", "--pack-destination", dest], {
      cwd: join(root, "packages/entra-policy"),
      // As when a pnpm script starts npm: the user agent alone would pass for pnpm.
      env: { ...process.env, npm_config_user_agent: "pnpm/10.0.0 node/v24" },
    }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code?: number; stderr?: string }) => ({ code: error.code ?? -1, stderr: error.stderr ?? "" }),
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(
      'Refusing to pack with npm: it would publish "workspace:*" and "catalog:"',
    );
    expect(result.stderr).toContain("Run `pnpm pack` or `pnpm publish`");
    expect(readdirSync(dest)).toEqual([]);
  }, 120_000);
});
