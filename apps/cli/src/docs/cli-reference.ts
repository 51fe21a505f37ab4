import type { CommandSpec, Manifest, OptionSpec } from "../manifest/manifest-types.ts";

/** Markers around the generated part of docs/cli.md; the prose around them is written by hand. */
export const BEGIN_MARKER = "<!-- BEGIN GENERATED COMMAND REFERENCE: pnpm --filter @ciamkit/cli docs -->";
/** The end of the generated part. */
export const END_MARKER = "<!-- END GENERATED COMMAND REFERENCE -->";

function cell(text: string): string {
  return text.replaceAll("|", "\\|").replace(/\s*\n\s*/g, " ");
}

function optionType(option: OptionSpec): string {
  const base =
    // Joined with a bare "|": cell() escapes it for the table, once.
    option.choices?.map((c) => `\`${c}\``).join(" | ") ??
    (option.type === "json" ? (option.text === true ? "JSON or text" : "JSON") : option.type);
  const encoding = option.encoding === "base64" ? ", or `@path`" : "";
  return `${base}${option.format === undefined ? "" : ` (${option.format})`}${encoding}${option.array ? ", repeatable" : ""}`;
}

function access(spec: CommandSpec): string {
  const writes = (spec.writesFiles ?? []).map((field) => {
    const flag = spec.options.find((o) => o.field === field)?.flag ?? field;
    return spec.positional?.field === field ? `<${flag}>` : `--${flag}`;
  });
  switch (spec.access) {
    case "read":
      return writes.length === 0
        ? "read"
        : `read; writes a file with ${writes.map((w) => `\`${w}\``).join(" or ")}, refused then with \`--read-only\``;
    case "write":
      return "write — refused with `--read-only`";
    case "destructive":
      return "destructive — asks on a terminal, needs `--yes` without one, refused with `--read-only`";
  }
}

function command(spec: CommandSpec): string {
  const positional = spec.positional;
  const argument =
    positional === undefined
      ? undefined
      : (spec.options.find((o) => o.field === positional.field)?.flag ?? positional.field);
  const lines = [
    `### \`ciam ${spec.group} ${spec.verb}\``,
    "",
    `**${spec.title}.** ${spec.description}`,
    "",
    `- Access: ${access(spec)}`,
    `- Permissions: ${spec.permissions.map((p) => `\`${p}\``).join(", ") || "none"}`,
    `- Catalog operation: \`${spec.operation}\``,
    ...(argument === undefined
      ? []
      : [
          `- Argument: \`<${argument}>\`${positional?.required === true ? " (required)" : ""}, or \`--${argument}\` (the argument wins)`,
        ]),
    ...(spec.list
      ? ["- Lists: one page by default; `--all` reads every page, `--limit <n>` stops after n items"]
      : []),
    "",
  ];
  if (spec.options.length > 0) {
    lines.push("| Option | Value | Required | Description |", "|---|---|---|---|");
    for (const option of spec.options) {
      const description =
        spec.list && option.field === "limit"
          ? "Stop after this many items, reading as many pages as needed."
          : `${option.description ?? ""}${option.default === undefined || option.field === "limit" ? "" : ` Default: \`${JSON.stringify(option.default)}\`.`}`;
      lines.push(
        `| \`--${option.flag}\` | ${cell(optionType(option))} | ${option.required ? "yes" : ""} | ${cell(description.trim())} |`,
      );
      if (option.secret === true) {
        lines.push(
          `| \`--${option.flag}-stdin\` | flag | | Read \`--${option.flag}\` from stdin instead, out of the shell history and process list. |`,
        );
      }
    }
    lines.push("");
  }
  lines.push("```sh", spec.example, "```", "");
  return lines.join("\n");
}

/** The command reference: one section per area, one entry per catalog operation. */
export function commandReference(manifest: Manifest): string {
  const groups = new Map<string, CommandSpec[]>();
  for (const spec of manifest.commands) groups.set(spec.group, [...(groups.get(spec.group) ?? []), spec]);
  const parts = [
    "| Command | What it does | Access |",
    "|---|---|---|",
    ...manifest.commands.map((s) => `| \`ciam ${s.group} ${s.verb}\` | ${cell(s.title)} | ${s.access} |`),
    "",
  ];
  for (const [group, specs] of groups) {
    parts.push(`## \`ciam ${group}\``, "", ...specs.map(command));
  }
  return parts.join("\n").trimEnd();
}

/** docs/cli.md with its generated part replaced by the current reference. */
export function withReference(document: string, manifest: Manifest): string {
  const begin = document.indexOf(BEGIN_MARKER);
  const end = document.indexOf(END_MARKER);
  if (begin === -1 || end < begin)
    throw new Error(`docs/cli.md lacks the markers ${BEGIN_MARKER} … ${END_MARKER}`);
  return `${document.slice(0, begin + BEGIN_MARKER.length)}\n\n${commandReference(manifest)}\n\n${document.slice(end)}`;
}
