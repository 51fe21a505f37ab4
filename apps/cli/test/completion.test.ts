import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Manifest } from "../src/manifest/manifest-types.ts";
import { BIN, ciam, requireBuilt, sandbox } from "./harness.ts";

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

  // The fish script (~100 KB) outgrows a pipe's buffer, so ciam is still writing when head exits.
  it("stops quietly when the reader closes the pipe early (ciam completion fish | head -1)", () => {
    const out = spawnSync("sh", ["-c", `'${process.execPath}' '${BIN}' completion fish | head -1`], {
      env: box.env,
      encoding: "utf8",
    });
    expect(out.stdout).toMatch(/^function __ciam_path /);
    expect(out.stderr).toBe("");
  });

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
        ["tenant", "create", "--location", ""],
        ["United States", "Europe", "Asia Pacific", "Australia"],
      ],
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

    it("completes file names for the <file> argument of user import, flags after a dash", () => {
      const dir = join(box.dir, "files");
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "customers.csv"), "");
      const offer = (...words: string[]) => {
        const array = ["ciam", ...words].map((w) => `'${w}'`).join(" ");
        return spawnSync(
          "bash",
          [
            "-c",
            `source '${script}'; COMP_WORDS=(${array}); COMP_CWORD=${words.length}; _ciam; printf '%s\\n' "\${COMPREPLY[@]}"`,
          ],
          { encoding: "utf8", cwd: dir },
        ).stdout.trim();
      };
      expect(offer("user", "import", "cust")).toBe("customers.csv");
      expect(offer("user", "import", "--dry")).toBe("--dry-run");
      expect(offer("user", "list", "cust")).toBe("");
    });
  });

  describe.skipIf(!hasShell("zsh"))("in zsh (skipped when zsh is not installed)", () => {
    let script: string;
    beforeAll(async () => {
      script = join(box.dir, "_ciam");
      writeFileSync(script, (await ciam(["completion", "zsh"], box.env)).stdout);
    });
    /**
     * What the script hands to zsh for the words typed so far: compadd (a builtin only inside a
     * completion widget) is stood in for by a function printing its candidates; zsh filters by prefix.
     */
    const complete = (...words: string[]) => {
      const array = ["ciam", ...words].map((w) => `'${w}'`).join(" ");
      const out = spawnSync(
        "zsh",
        [
          "-f",
          "-c",
          `compdef() { :; }; compadd() { [[ $1 == -- ]] && shift; print -rl -- "$@"; }; source '${script}'; words=(${array}); CURRENT=${words.length + 1}; _ciam`,
        ],
        { encoding: "utf8" },
      );
      return out.stdout.split("\n").filter(Boolean);
    };

    it.each<[string[], (got: string[]) => void]>([
      [
        ["tenant", "create", "--location", ""],
        (got) => expect(got).toEqual(["United States", "Europe", "Asia Pacific", "Australia"]),
      ],
      [
        ["trust-framework", "keyset-upload-secret", "--se"],
        (got) => expect(got).toEqual(expect.arrayContaining(["--secret", "--secret-stdin"])),
      ],
      [
        ["identity-provider", "create", "--kind", ""],
        (got) => expect(got).toEqual(["social", "apple", "oidc"]),
      ],
      [
        ["user-flow", ""],
        (got) =>
          expect(got).toEqual(expect.arrayContaining(["app-add", "idp-add", "attribute-add", "--output"])),
      ],
      [["branding", "image-set", "--stream", ""], (got) => expect(got).toContain("squareLogoDark")],
    ])("offers for %j", (words, check) => {
      check(complete(...words));
    });
  });

  describe.skipIf(!hasShell("fish"))("in fish (skipped when fish is not installed)", () => {
    let script: string;
    beforeAll(async () => {
      script = join(box.dir, "ciam.fish");
      writeFileSync(script, (await ciam(["completion", "fish"], box.env)).stdout);
    });
    /** What fish completes for a command line (`complete -C`), candidates without descriptions. */
    const complete = (line: string) => {
      const out = spawnSync("fish", ["--no-config", "-c", `source '${script}'; complete -C '${line}'`], {
        encoding: "utf8",
      });
      expect(out.stderr).toBe("");
      return out.stdout
        .split("\n")
        .filter(Boolean)
        .map((l) => l.split("\t")[0]);
    };

    it.each<[string, string[]]>([
      ["ciam tenant create --location ", ["Asia Pacific", "Australia", "Europe", "United States"]],
      ["ciam trust-framework keyset-upload-secret --se", ["--secret", "--secret-stdin"]],
      ["ciam identity-provider create --client-secret-", ["--client-secret-stdin"]],
      ["ciam tenant cr", ["create", "create-status", "create-wait"]],
      ["ciam user-flow-a", ["user-flow-attribute"]],
    ])("completes %j", (line, expected) => {
      expect(complete(line)).toEqual(expected);
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
