import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatMarkdown } from "../scripts/format-markdown.ts";
import { commandReference, withReference } from "../src/docs/cli-reference.ts";
import { buildManifest } from "../src/manifest/build-manifest.ts";

const docPath = new URL("../../../docs/cli.md", import.meta.url);

describe("docs/cli.md", () => {
  it("holds the command reference generated from the catalog (regenerate: pnpm --filter @ciamkit/cli docs)", () => {
    const document = readFileSync(docPath, "utf8");
    expect(formatMarkdown(withReference(document, buildManifest()))).toBe(document);
  });

  it("documents every command, with its permissions and an example", () => {
    const reference = commandReference(buildManifest());
    for (const spec of buildManifest().commands) {
      expect(reference).toContain(`### \`ciam ${spec.group} ${spec.verb}\``);
      expect(reference).toContain(spec.example);
      for (const permission of spec.permissions) expect(reference).toContain(`\`${permission}\``);
    }
  });

  it("documents every exit code ciam uses", async () => {
    const { EXIT } = await import("../src/run/exit-codes.ts");
    const document = readFileSync(docPath, "utf8");
    for (const code of Object.values(EXIT)) expect(document).toMatch(new RegExp(`^\\| ${code}\\s+\\|`, "m"));
  });
});
