import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Manifest } from "../src/manifest/manifest-types.ts";
import { ciam, requireBuilt, sandbox } from "./harness.ts";

const box = sandbox();
let manifest: Manifest;
beforeAll(() => {
  requireBuilt();
  manifest = JSON.parse(readFileSync(new URL("../dist/manifest.json", import.meta.url), "utf8")) as Manifest;
});
afterAll(() => box.remove());

const GLOBAL_FLAGS = ["--output", "--query", "--profile", "--emulator", "--read-only", "--yes", "--help"];
const hasShell = (shell: string) => spawnSync("sh", ["-c", `command -v ${shell}`]).status === 0;

describe("ciam completion", () => {
  it.each(["bash", "zsh", "fish", "powershell"])(
    "writes a %s script naming every catalog command and flag",
    async (shell) => {
      const run = await ciam(["completion", shell], box.env);
      expect(run.status).toBe(0);
      for (const spec of manifest.commands) {
        expect(run.stdout).toContain(spec.verb);
        for (const option of spec.options) expect(run.stdout).toContain(option.flag);
      }
    },
  );

  it("rejects an unknown shell as a usage error", async () => {
    const run = await ciam(["completion", "tcsh"], box.env);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Allowed choices are bash, zsh, fish, powershell/);
  });

  describe.skipIf(!hasShell("bash"))("in bash", () => {
    let script: string;
    beforeAll(async () => {
      script = join(box.dir, "ciam.bash");
      writeFileSync(script, (await ciam(["completion", "bash"], box.env)).stdout);
    });
    /** What bash offers for the words typed so far (the last one being completed). */
    const complete = (...words: string[]) => {
      const array = ["ciam", ...words].map((w) => `'${w}'`).join(" ");
      const out = spawnSync(
        "bash",
        [
          "-c",
          `source '${script}'; COMP_WORDS=(${array}); COMP_CWORD=${words.length}; _ciam; printf '%s\\n' "\${COMPREPLY[@]}"`,
        ],
        { encoding: "utf8" },
      );
      return out.stdout.trim().split("\n").filter(Boolean);
    };

    it.each([
      [["us"], ["user", "user-flow", "user-flow-attribute"]],
      [
        ["service-principal", ""],
        ["create", "get", "--output", "--query", "--profile", "--emulator", "--read-only", "--yes", "--help"],
      ],
      [["user", "list", "--display"], ["--display-name-starts-with"]],
      [
        ["-o", "yaml", "user", "list", "--user-type", ""],
        ["Member", "Guest"],
      ],
      [
        ["user", "create", "--output", "t"],
        ["table", "tsv"],
      ],
      [
        ["completion", ""],
        ["bash", "zsh", "fish", "powershell", ...GLOBAL_FLAGS],
      ],
    ])("completes %j", (words, expected) => {
      expect(complete(...words)).toEqual(expected);
    });
  });

  for (const [shell, flag, name] of [
    ["zsh", "-n", "zsh"],
    ["fish", "--no-execute", "fish"],
  ] as const) {
    it.skipIf(!hasShell(shell))(
      `writes a script ${name} parses (skipped: ${shell} is not installed)`,
      async () => {
        const file = join(box.dir, `ciam.${shell}`);
        writeFileSync(file, (await ciam(["completion", shell], box.env)).stdout);
        expect(spawnSync(shell, [flag, file], { encoding: "utf8" }).status).toBe(0);
      },
    );
  }
});
