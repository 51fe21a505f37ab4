import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const example = new URL("../examples/list-users.ts", import.meta.url);
const doc = new URL("../../../docs/library.md", import.meta.url);

describe("docs/library.md", () => {
  it("quotes the example verbatim", () => {
    expect(readFileSync(doc, "utf8")).toContain(`\`\`\`ts\n${readFileSync(example, "utf8")}\`\`\``);
  });

  it("the example runs against the emulator and lists the demo tenant's users", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--conditions=@ciamkit/source", example.pathname],
      {
        timeout: 60_000,
      },
    );
    expect(stdout).toContain("Ada Lovelace <ada@example.com>");
    expect(stdout.trim().split("\n").length).toBeGreaterThanOrEqual(4);
  }, 90_000);
});
