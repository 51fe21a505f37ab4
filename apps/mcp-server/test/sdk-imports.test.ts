import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = fileURLToPath(new URL("../src", import.meta.url));

/** The source files that import the MCP SDK themselves (anything from `@modelcontextprotocol/sdk`). */
function filesImportingTheSdk(): string[] {
  return (readdirSync(src, { recursive: true }) as string[])
    .filter((file) => file.endsWith(".ts"))
    .filter((file) =>
      /from\s+["']@modelcontextprotocol\/sdk[/"']/.test(readFileSync(join(src, file), "utf8")),
    )
    .map((file) => relative(src, join(src, file)).replaceAll("\\", "/"))
    .sort();
}

describe("the MCP SDK seam", () => {
  // A new major version of the SDK is adapted in mcp-sdk.ts; the rest imports the SDK from there.
  // At most three files may import it (issue 12); today one does.
  it("only src/mcp-sdk.ts imports the MCP SDK", () => {
    const importing = filesImportingTheSdk();
    expect(importing.length).toBeLessThanOrEqual(3);
    expect(importing).toEqual(["mcp-sdk.ts"]);
  });
});
