/**
 * A spec folder's YAML files that look like a kind's file under another name (`userFlowAttributes.yaml`
 * for `user-flow-attributes.yaml`, `group.yml` for `groups.yaml`). The loader reads kinds by their
 * exact file names, so such a file would be left out of plan and apply without a word; other YAML
 * files beside the kinds (values overlays such as `dev.yaml`) are fine.
 */
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import leven from "leven";
import type { SpecProblem } from "./spec-error.ts";
import { KIND_FILES } from "./spec-schema.ts";

const normal = (name: string): string =>
  name
    .replace(/\.ya?ml$/i, "")
    .replace(/[^a-z0-9]/gi, "")
    .toLowerCase();

/** One problem for each top-level YAML file of `dir` that is a kind's file misnamed, naming the right name. */
export function misnamedKindFiles(dir: string, valuesFiles: readonly string[]): SpecProblem[] {
  const kinds = Object.entries(KIND_FILES);
  const kindFiles = kinds.map(([, f]) => f);
  const values = new Set(valuesFiles.map((f) => resolve(f)));
  const problems: SpecProblem[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isFile() || !/\.ya?ml$/i.test(entry.name) || kindFiles.includes(entry.name)) continue;
    const file = join(dir, entry.name);
    if (values.has(file)) continue;
    const name = normal(entry.name);
    const like = kinds.find(([, k]) => {
      const kind = normal(k);
      return name === kind || (name.length > 4 && leven(name, kind) <= 2);
    });
    if (like !== undefined)
      problems.push({
        file,
        path: like[0],
        message: `this file is not read: the ${like[0]} file is named ${like[1]} (rename it, or plan and apply leave it out)`,
      });
  }
  return problems;
}
