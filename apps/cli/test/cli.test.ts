import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { ciam, requireBuilt, sandbox } from "./harness.ts";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};
const { env } = sandbox();

beforeAll(() => requireBuilt());

describe("ciam", () => {
  it("prints its version and exits 0", async () => {
    const run = await ciam(["--version"], env);
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe(pkg.version);
    expect(run.status).toBe(0);
  });

  it("rejects an unknown option with exit code 2 and says how to get help", async () => {
    const run = await ciam(["--no-such-option"], env);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unknown option '--no-such-option'");
    expect(run.stderr).toContain("ciam --help");
  });

  it("shows a command's description, permissions, access and an example in its help", async () => {
    const run = await ciam(["user", "delete", "--help"], env);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Delete a user.");
    expect(run.stdout).toMatch(/--id <id>\s+Object id or userPrincipalName\. \(required\)/);
    expect(run.stdout).toContain("Permissions: User.ReadWrite.All");
    expect(run.stdout).toContain("Access: destructive (asks for confirmation on a terminal; --yes to skip");
    expect(run.stdout).toContain("Example:\n  ciam user delete --id 00000000-0000-0000-0000-000000000000");
    expect(run.stdout).toContain("--read-only");
  });

  it("lists every area of the catalog in its help", async () => {
    const run = await ciam(["--help"], env);
    for (const area of ["organization", "user", "group", "app", "service-principal", "audit-log"]) {
      expect(run.stdout).toMatch(new RegExp(`^  ${area} `, "m"));
    }
    // How to begin without a tenant, and with one.
    expect(run.stdout).toMatch(/^Get started:\n {2}ciam --emulator user list /m);
    expect(run.stdout).toMatch(/^ {2}ciam login --tenant <id> --client-id <app id> /m);
  });

  it("exits 2 with help on stderr for an area without a verb", async () => {
    const run = await ciam(["group"], env);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Usage: ciam group");
  });
});
