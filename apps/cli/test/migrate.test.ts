// `ciam migrate …` as a subprocess: the command group named as users say it, the jit sub-group, the
// private key written once (0600) or printed once, and bad input refused with exit 2.
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ciam, cmd, json, requireBuilt, startTenant, type TestTenant } from "./harness.ts";

let t: TestTenant;
const dir = mkdtempSync(join(tmpdir(), "ciam-migrate-"));
beforeAll(async () => {
  requireBuilt();
  t = await startTenant();
}, 60_000);
afterAll(async () => t?.close());

interface Setup {
  changed: boolean;
  extensionAppId: string;
  privateKey?: string;
  actions: { action: string; resource: string }[];
}

describe("ciam migrate", () => {
  it("jit setup writes the private key once, owner-only; a rerun changes nothing; status counts the flag", async () => {
    const key = join(dir, "jit-key.pem");
    const args = cmd`migrate jit setup --endpoint https://jit.contoso.example/api --all-apps --private-key-out ${key} -o json`;
    const first = await ciam(args, t.env);
    expect(first.status, first.stderr).toBe(0);
    expect(json<Setup>(first).changed).toBe(true);
    expect(first.stdout).not.toContain("PRIVATE KEY");
    expect(readFileSync(key, "utf8")).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(statSync(key).mode & 0o777).toBe(0o600);
    const again = await ciam(args, t.env);
    expect(again.status, again.stderr).toBe(0);
    expect(json<Setup>(again).changed).toBe(false);
    // --rotate-key never overwrites the key file.
    const rotate = await ciam([...args, "--rotate-key"], t.env);
    expect(rotate.status).toBe(2);
    expect(rotate.stderr).toContain("never overwritten");

    const status = await ciam(cmd`migrate status -o json`, t.env);
    expect(status.status, status.stderr).toBe(0);
    expect(json<{ pending: number; migrated: number }>(status)).toMatchObject({ pending: 0, migrated: 0 });
  });

  it("prints a generated private key once when asked", async () => {
    const out = await ciam(
      cmd`migrate jit setup --endpoint http://localhost:7071/api/jit --all-apps --app-name ${"Printed JIT"} --print-private-key -o json`,
      t.env,
    );
    expect(out.status, out.stderr).toBe(0);
    expect(json<Setup>(out).privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it("refuses an http endpoint off this machine, and an unknown profile, with exit 2", async () => {
    const http = await ciam(
      cmd`migrate jit setup --endpoint http://jit.contoso.example/api --all-apps`,
      t.env,
    );
    expect(http.status).toBe(2);
    expect(http.stderr).toContain("https, or http on localhost only");
    const from = await ciam(cmd`migrate inventory --from nosuchprofile`, t.env);
    expect(from.status).toBe(2);
    expect(from.stderr).toContain("nosuchprofile");
  });

  it("inventory of a tenant that is not B2C says so, and writes no report", async () => {
    const report = join(dir, "inventory.md");
    const out = await ciam(cmd`migrate inventory --report ${report} -o json`, t.env);
    expect(out.status).not.toBe(0);
    expect(out.stderr).toContain("is not an Azure AD B2C directory");
    expect(existsSync(report)).toBe(false);
  });
});
