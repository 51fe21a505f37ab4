import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { getOperation, InvalidInputError, validateInput } from "@ciamkit/core";
import { parse } from "shell-quote";
import { describe, expect, it, vi } from "vitest";
import { type CodeBlock, documentationFiles, fencedBlocks } from "../../../scripts/docs-blocks.ts";
import { buildManifest } from "../src/manifest/build-manifest.ts";
import type { CommandSpec } from "../src/manifest/manifest-types.ts";
import { type AnyCommand, type CatalogInvocation, createProgram } from "../src/program.ts";

/**
 * The command lines users copy: every `ciam …` line of the documentation's shell blocks and every
 * example `--help` prints must be valid shell and a command `ciam` accepts (known command and flags,
 * required options present). The generated examples must also pass the operation's input rules,
 * because a reader runs them as they are. Parsing only: the catalog command is captured, not run.
 */
const invocations: CatalogInvocation[] = [];
vi.mock("../src/run/run-catalog-command.ts", () => ({
  runCatalogCommand: async (invocation: CatalogInvocation) => {
    invocations.push(invocation);
  },
}));

const root = fileURLToPath(new URL("../../..", import.meta.url));
const manifest = buildManifest();
const catalogPaths = new Set(manifest.commands.map((c) => `${c.group} ${c.verb}`));
const SHELLS = new Set(["sh", "bash", "shell", "console", "zsh"]);

/** The shell text of a block: a console block's `$ ` lines, or the whole block. */
function script(block: CodeBlock): string {
  if (block.language !== "console") return block.code;
  return block.code
    .split("\n")
    .filter((l) => l.startsWith("$ "))
    .map((l) => l.slice(2))
    .join("\n");
}

/** Each `ciam` invocation of a script, as argument lists (variables kept as `$NAME` text). */
export function ciamCommands(text: string): string[][] {
  const commands: string[][] = [];
  for (const line of text.replace(/\\\n/g, " ").split("\n")) {
    const tokens = parse(line, (name) => `$${name}`);
    let current: string[] | undefined;
    for (const token of tokens) {
      if (typeof token !== "string") {
        // An operator (|, &&, ;) or a comment ends the command; a glob is kept as its text.
        if ("pattern" in token) current?.push(token.pattern);
        else current = undefined;
        continue;
      }
      if (current !== undefined) current.push(token);
      else if (token === "ciam") {
        current = [];
        commands.push(current);
      }
    }
  }
  return commands;
}

/** A command's words after `ciam` (`migrate jit setup`). */
function commandPath(command: AnyCommand): string {
  const parent = command.parent as AnyCommand | null;
  return parent?.parent == null ? command.name() : `${commandPath(parent)} ${command.name()}`;
}

/** Parses one command line with ciam's own command tree; returns the problem, or undefined. */
async function problem(args: string[]): Promise<string | undefined> {
  const errors: string[] = [];
  const program = createProgram(manifest);
  const quiet = (command: AnyCommand): void => {
    command.exitOverride();
    command.configureOutput({ writeOut: () => {}, writeErr: (s) => errors.push(s), outputError: () => {} });
    // ciam's own commands (login, profile, emulator, completion) are parsed, not run.
    const catalog = catalogPaths.has(commandPath(command));
    if (command.commands.length === 0 && command.parent !== null && !catalog) command.action(() => {});
    for (const sub of command.commands) quiet(sub as AnyCommand);
  };
  quiet(program);
  invocations.length = 0;
  try {
    await program.parseAsync(["node", "ciam", ...args]);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "commander.helpDisplayed" || code === "commander.version" || code === "commander.help")
      return;
    return `${(err as Error).message} ${errors.join("")}`.trim();
  }
  const invocation = invocations[0];
  if (invocation === undefined) return undefined;
  const globals = invocation.command.optsWithGlobals() as { input?: unknown };
  if (globals.input !== undefined) return undefined;
  const given = new Set([...Object.keys(invocation.fields), ...invocation.stdinFields]);
  const missing = invocation.spec.options.filter((o) => o.required && !given.has(o.field));
  const positional = invocation.spec.positional;
  if (positional?.required === true && !given.has(positional.field)) return `missing <${positional.field}>`;
  if (missing.length > 0) return `missing ${missing.map((o) => `--${o.flag}`).join(", ")}`;
  return undefined;
}

/** The example's input passes the operation's rules (stdin secrets stand in with a value). */
function inputProblem(
  spec: CommandSpec,
  fields: Record<string, unknown>,
  stdin: string[],
): string | undefined {
  const operation = getOperation(spec.operation);
  if (operation === undefined) return `no operation ${spec.operation}`;
  // A value the shell computes (`"$(cat cert.pem)"`, `"$TOKEN"`) is known only when it runs: its
  // own rule is not checked, every other one is.
  const computed = new Set(
    Object.entries(fields)
      .filter(([, v]) => typeof v === "string" && v.startsWith("$"))
      .map(([f]) => f),
  );
  const input = { ...fields, ...Object.fromEntries(stdin.map((f) => [f, "s3cret-Value-1"])) };
  try {
    validateInput(operation, input);
    return undefined;
  } catch (err) {
    const issues = err instanceof InvalidInputError ? err.schemaIssues : [];
    const own = issues.length > 0 && issues.every((i) => computed.has(String(i.path[0])));
    return own ? undefined : (err as Error).message;
  }
}

describe("command lines in the documentation", () => {
  const blocks = documentationFiles(root)
    .flatMap((file) => fencedBlocks(file, root))
    .filter((b) => SHELLS.has(b.language) && b.skip === undefined);

  it("finds the shell blocks", () => {
    expect(blocks.length).toBeGreaterThan(20);
  });

  it("are valid shell (bash -n)", () => {
    const bad = blocks.flatMap((block) => {
      try {
        execFileSync("bash", ["-n"], { input: script(block), stdio: ["pipe", "ignore", "pipe"] });
        return [];
      } catch (err) {
        return [`${block.file}:${block.line}: ${String((err as { stderr?: Buffer }).stderr ?? err).trim()}`];
      }
    });
    expect(bad, bad.join("\n")).toEqual([]);
  });

  it("name commands and flags ciam has, with the required options", async () => {
    const bad: string[] = [];
    for (const block of blocks) {
      for (const args of ciamCommands(script(block))) {
        const found = await problem(args);
        if (found !== undefined)
          bad.push(`${block.file}:${block.line}: ciam ${args.join(" ")}\n    ${found}`);
      }
    }
    expect(bad, bad.join("\n")).toEqual([]);
  });
});

describe("the example --help prints for each command", () => {
  it("is valid shell", () => {
    const text = manifest.commands.map((c) => c.example).join("\n");
    expect(() =>
      execFileSync("bash", ["-n"], { input: text, stdio: ["pipe", "ignore", "pipe"] }),
    ).not.toThrow();
  });

  it("parses, and its input passes the operation's rules", async () => {
    const bad: string[] = [];
    for (const spec of manifest.commands) {
      const [args = []] = ciamCommands(spec.example);
      const found = await problem(args);
      const invocation = invocations[0];
      const rules =
        found === undefined && invocation !== undefined
          ? inputProblem(spec, invocation.fields, invocation.stdinFields)
          : undefined;
      if (found !== undefined || rules !== undefined) bad.push(`${spec.example}\n    ${found ?? rules}`);
    }
    expect(bad, bad.join("\n")).toEqual([]);
  });
});
