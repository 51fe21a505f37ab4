import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, ciam, json, requireBuilt, sandbox } from "./harness.ts";

const box = sandbox();
beforeAll(() => requireBuilt());
afterAll(() => box.remove());

describe("--emulator", () => {
  it("runs against the demo tenant without any sign-in", async () => {
    const run = await ciam(["--emulator", "organization", "get", "-o", "json"], box.env);
    expect(run.status).toBe(0);
    expect(json<{ displayName: string }>(run).displayName).toBe("Contoso");
  });

  it("keeps state in the data directory, so the next command sees the change", async () => {
    const created = await ciam(
      [
        "--emulator",
        "user",
        "create",
        "--display-name",
        "Kept Between Runs",
        "--sign-in-name",
        "kept@example.com",
        "-o",
        "json",
      ],
      box.env,
    );
    expect(created.status).toBe(0);
    expect(existsSync(join(box.env.CIAM_DATA_DIR ?? "", "emulator"))).toBe(true);
    const found = await ciam(
      ["--emulator", "user", "list", "--display-name-starts-with", "Kept", "--query", "[].displayName"],
      box.env,
    );
    expect(json(found)).toEqual(["Kept Between Runs"]);
  });

  it("starts over with `ciam emulator reset`", async () => {
    const reset = await ciam(["emulator", "reset"], box.env);
    expect(reset.status).toBe(0);
    expect(reset.stderr).toMatch(/starts over .* demo tenant contoso\.onmicrosoft\.com/);
    const found = await ciam(["--emulator", "user", "list", "--display-name-starts-with", "Kept"], box.env);
    expect(json(found)).toEqual([]);
  });

  it("serves the saved state with `ciam emulator start` for clients that sign in with AZURE_* settings", async () => {
    const child = spawn(process.execPath, [BIN, "emulator", "start", "--json"], {
      env: box.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.setEncoding("utf8").on("data", (d: string) => {
          out += d;
          if (out.includes("\n")) resolve(out.split("\n")[0] ?? "");
        });
        child.on("exit", (code) => reject(new Error(`emulator start exited ${code}`)));
      });
      const info = JSON.parse(line) as { settings: Record<string, string> };
      expect(info.settings.AZURE_AUTHORITY_HOST).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const run = await ciam(["organization", "get", "-o", "json"], { ...box.env, ...info.settings });
      expect(run.status).toBe(0);
      expect(json<{ displayName: string }>(run).displayName).toBe("Contoso");
      // While it serves, an embedded emulator must not write the same journal.
      const clash = await ciam(["--emulator", "organization", "get"], box.env);
      expect(clash.status).toBe(2);
      expect(clash.stderr).toMatch(/in use by `ciam emulator start`/);
    } finally {
      const exited = new Promise((resolve) => child.on("exit", resolve));
      child.kill("SIGINT");
      await exited;
    }
    expect(existsSync(join(box.env.CIAM_DATA_DIR ?? "", "emulator", "server.json"))).toBe(false);
  });
});
