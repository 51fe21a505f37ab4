import type { AnyCommand } from "../program.ts";

/** One node of the command tree, as completion scripts need it. */
export interface CompletionNode {
  /** Command words after `ciam`, space-separated ("" for the root). */
  path: string;
  description: string;
  /** Sub-command names. */
  commands: string[];
  /** Long flags (`--output`), this command's and the global ones. */
  flags: string[];
  /** Values of flags that take one of a fixed set. */
  choices: Record<string, string[]>;
  /** Values of a positional argument with fixed choices (`completion <shell>`). */
  argumentChoices: string[];
  /** The positional argument is a file (`user import <file>`): complete file names for it. */
  files: boolean;
}

/** Walks the commander tree (generated from the catalog, plus ciam's own commands). */
export function completionTree(program: AnyCommand): CompletionNode[] {
  const globals = program.options.filter((o) => o.long !== undefined && o.long !== "--version");
  const nodes: CompletionNode[] = [];
  const visit = (command: AnyCommand, path: string[]) => {
    const options = path.length === 0 ? command.options : [...command.options, ...globals];
    const choices: Record<string, string[]> = {};
    for (const option of options) {
      if (option.long !== undefined && option.argChoices !== undefined)
        choices[option.long] = [...option.argChoices];
    }
    const children = command.commands as AnyCommand[];
    nodes.push({
      path: path.join(" "),
      description: command.description().split("\n")[0] ?? "",
      commands: children.map((c) => c.name()),
      flags: [
        ...new Set([...options.map((o) => o.long).filter((l): l is string => l !== undefined), "--help"]),
      ],
      choices,
      argumentChoices: command.registeredArguments.flatMap((a) => a.argChoices ?? []),
      files: command.registeredArguments.some((a) => a.argChoices === undefined && /file$/.test(a.name())),
    });
    for (const child of children) visit(child, [...path, child.name()]);
  };
  visit(program, []);
  return nodes;
}
