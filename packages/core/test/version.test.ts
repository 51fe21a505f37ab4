import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CIAMKIT_VERSION, userAgent } from "../src/index.ts";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

describe("userAgent", () => {
  it("names ciamkit with the version from package.json", () => {
    expect(CIAMKIT_VERSION).toBe(pkg.version);
    expect(userAgent()).toBe(`ciamkit/${pkg.version} node/${process.versions.node}`);
  });

  it("adds the caller's product token, trimmed, and ignores a blank one", () => {
    expect(userAgent("  my-pipeline/1.2 ")).toBe(
      `ciamkit/${pkg.version} my-pipeline/1.2 node/${process.versions.node}`,
    );
    expect(userAgent("   ")).toBe(userAgent());
  });
});
