import type { AnyCommand } from "../program.ts";
import { type CompletionNode, completionTree } from "./command-tree.ts";

/** Shells `ciam completion` writes scripts for. */
export type Shell = "bash" | "zsh" | "fish" | "powershell";

/** Single-quoted for POSIX shells. */
function sq(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/**
 * The words completing after a command path (`ciam user list`), and the values of each choice flag:
 * the table every script embeds. Values are one per line, since some hold spaces (`United States`).
 */
function table(nodes: CompletionNode[]): { words: [string, string][]; values: [string, string][] } {
  const words: [string, string][] = [];
  const values: [string, string][] = [];
  for (const node of nodes) {
    const path = node.path === "" ? "ciam" : `ciam ${node.path}`;
    words.push([path, [...node.commands, ...node.argumentChoices, ...node.flags].join(" ")]);
    for (const [flag, choices] of Object.entries(node.choices))
      values.push([`${path}|${flag}`, choices.join("\n")]);
  }
  return { words, values };
}

/** Command paths whose positional argument is a file. */
function filePaths(nodes: CompletionNode[]): string[] {
  return nodes.filter((n) => n.files).map((n) => `ciam ${n.path}`);
}

function bash(nodes: CompletionNode[]): string {
  const { words, values } = table(nodes);
  const files = filePaths(nodes);
  return `# bash completion for ciam, generated from the command catalog
_ciam() {
  local -A words=(${words.map(([k, v]) => `[${sq(k)}]=${sq(v)}`).join(" ")})
  local -A values=(${values.map(([k, v]) => `[${sq(k)}]=${sq(v)}`).join(" ")})
  local -A files=(${files.map((k) => `[${sq(k)}]=1`).join(" ")})
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" path=ciam w i
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    if [[ -n "\${words["$path $w"]+x}" ]]; then path="$path $w"; fi
  done
  (( COMP_CWORD > 1 )) && prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [[ -n "\${values["$path|$prev"]+x}" ]]; then
    local IFS=$'\n'
    COMPREPLY=($(compgen -W "\${values["$path|$prev"]}" -- "$cur"))
  elif [[ -n "\${files["$path"]+x}" && "$cur" != -* ]]; then
    COMPREPLY=($(compgen -f -- "$cur"))
  else
    COMPREPLY=($(compgen -W "\${words["$path"]}" -- "$cur"))
  fi
}
complete -o default -F _ciam ciam
`;
}

function zsh(nodes: CompletionNode[]): string {
  const { words, values } = table(nodes);
  const files = filePaths(nodes);
  return `#compdef ciam
# zsh completion for ciam, generated from the command catalog
_ciam() {
  local -A cwords cvalues cfiles
  cwords=(${words.map(([k, v]) => `${sq(k)} ${sq(v)}`).join(" ")})
  cvalues=(${values.map(([k, v]) => `${sq(k)} ${sq(v)}`).join(" ")})
  cfiles=(${files.map((k) => `${sq(k)} 1`).join(" ")})
  local path=ciam w i prev="\${words[CURRENT-1]}"
  for ((i = 2; i < CURRENT; i++)); do
    w="\${words[i]}"
    (( \${+cwords[$path $w]} )) && path="$path $w"
  done
  if (( CURRENT > 2 )) && (( \${+cvalues[$path|$prev]} )); then
    compadd -- "\${(@f)cvalues[$path|$prev]}"
  elif (( \${+cfiles[$path]} )) && [[ "$PREFIX" != -* ]]; then
    _files
  else
    compadd -- \${=cwords[$path]}
  fi
}
compdef _ciam ciam
`;
}

function fish(nodes: CompletionNode[]): string {
  const lines = ["# fish completion for ciam, generated from the command catalog", "complete -c ciam -f"];
  const q = (t: string) => `'${t.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
  for (const node of nodes) {
    const path = node.path === "" ? [] : node.path.split(" ");
    const children = nodes.filter(
      (n) =>
        n.path.startsWith(node.path === "" ? "" : `${node.path} `) &&
        n.path.split(" ").length === path.length + 1 &&
        n.path !== "",
    );
    const condition = path.length === 0 ? "__fish_use_subcommand" : `__ciam_path ${path.join(" ")}`;
    for (const child of children) {
      const name = child.path.split(" ").at(-1) ?? "";
      lines.push(`complete -c ciam -n ${q(condition)} -a ${q(name)} -d ${q(child.description)}`);
    }
    for (const value of node.argumentChoices)
      lines.push(`complete -c ciam -n ${q(condition)} -a ${q(value)}`);
    if (node.files) lines.push(`complete -c ciam -n ${q(condition)} -F`);
    for (const flag of node.flags) {
      const choices = node.choices[flag];
      lines.push(
        `complete -c ciam -n ${q(condition)} -l ${flag.slice(2)}${choices === undefined ? "" : ` -x -a ${q(choices.map((c) => c.replaceAll(" ", "\\ ")).join(" "))}`}`,
      );
    }
  }
  return `${[
    "function __ciam_path --description 'true when the command words typed so far are exactly the arguments'",
    "  set -l typed (commandline -opc)[2..-1]",
    "  set -l words",
    "  for w in $typed",
    "    string match -q -- '-*' $w; and continue",
    "    set -a words $w",
    "  end",
    // Compared as whole strings: fish 3 rejects a command substitution inside an index range.
    '  test "$words" = "$argv"',
    "end",
    ...lines,
  ].join("\n")}\n`;
}

function powershell(nodes: CompletionNode[]): string {
  const { words, values } = table(nodes);
  const ps = (t: string) => `'${t.replaceAll("'", "''")}'`;
  return `# PowerShell completion for ciam, generated from the command catalog
Register-ArgumentCompleter -Native -CommandName ciam -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $words = @{ ${words.map(([k, v]) => `${ps(k)} = ${ps(v)}`).join("; ")} }
  $values = @{ ${values.map(([k, v]) => `${ps(k)} = ${ps(v)}`).join("; ")} }
  $typed = @($commandAst.CommandElements | Select-Object -Skip 1 | ForEach-Object { $_.ToString() })
  if ($wordToComplete -ne '' -and $typed.Count -gt 0) { $typed = @($typed | Select-Object -SkipLast 1) }
  $path = 'ciam'
  foreach ($w in $typed) { if ($words.ContainsKey("$path $w")) { $path = "$path $w" } }
  $prev = if ($typed.Count -gt 0) { $typed[-1] } else { '' }
  $candidates = if ($values.ContainsKey("$path|$prev")) { $values["$path|$prev"] -split "\`n" } else { $words[$path] -split ' ' }
  $candidates | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
  }
}
`;
}

/** The completion script for a shell, generated from the command tree (so from the catalog). */
export function completionScript(shell: Shell, program: AnyCommand): string {
  const nodes = completionTree(program);
  switch (shell) {
    case "bash":
      return bash(nodes);
    case "zsh":
      return zsh(nodes);
    case "fish":
      return fish(nodes);
    case "powershell":
      return powershell(nodes);
  }
}
