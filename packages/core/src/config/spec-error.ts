import { InputError } from "../input-error.ts";

/** One problem of a spec: where (file, line, column when known; the path inside the spec) and what. */
export interface SpecProblem {
  file?: string | undefined;
  line?: number | undefined;
  column?: number | undefined;
  /** Dotted path in the spec: `userFlows.Shop sign-up.page.views.0.inputs.1.attribute`. */
  path: string;
  message: string;
}

/** Where a spec path was written; undefined for an inline spec. */
export type SpecLocator = (
  path: readonly (string | number)[],
  /** Place it on the last step's key rather than its value (an unknown key). */
  atKey?: boolean,
) => Omit<SpecProblem, "path" | "message"> | undefined;

const where = (p: SpecProblem) =>
  p.file === undefined ? "" : `${p.file}${p.line === undefined ? "" : `:${p.line}:${p.column ?? 1}`}: `;

/** A spec that cannot be used: every problem found, each with its place. Nothing was changed. */
export class SpecError extends InputError {
  override readonly name = "SpecError";
  readonly problems: readonly SpecProblem[];
  constructor(problems: readonly SpecProblem[]) {
    super(
      `The spec has ${problems.length === 1 ? "a problem" : `${problems.length} problems`}; nothing was changed:\n${problems
        .map((p) => `  ${where(p)}${p.path}: ${p.message}`)
        .join("\n")}`,
    );
    this.problems = problems;
  }
}

/** A problem at `path`, placed by `locate` when the spec came from files. */
export function problemAt(
  locate: SpecLocator | undefined,
  path: readonly (string | number)[],
  message: string,
  atKey = false,
): SpecProblem {
  return { ...locate?.(path, atKey), path: path.join("."), message };
}
