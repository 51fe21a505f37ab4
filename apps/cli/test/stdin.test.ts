// Values piped into ciam by a producer that is still working when ciam starts reading: a vault CLI
// fetching a secret, another ciam command. Each pipeline runs in a real shell, as a user types it.
import { spawn } from "node:child_process";
import { type SecretHash, verifySecret } from "@ciamkit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, json, outcome, type Run, requireBuilt, startTenant, type TestTenant } from "./harness.ts";

let t: TestTenant;
beforeAll(async () => {
  requireBuilt();
  t = await startTenant();
});
afterAll(async () => t?.close());

/** The built ciam, in a {@link pipeline}. */
const CIAM = '"$NODE" "$BIN"';
/** A producer that prints its argument only after a pause, so ciam starts reading an empty pipe. */
const SLOW = '"$NODE" -e "$SLOW_JS"';

/** Runs a shell pipeline (`sh -c`) with {@link CIAM} and {@link SLOW} in it. */
function pipeline(script: string, env: Record<string, string> = t.env): Promise<Run> {
  const child = spawn("sh", ["-c", script], {
    env: {
      ...env,
      NODE: process.execPath,
      BIN,
      SLOW_JS: "setTimeout(() => process.stdout.write(process.argv[1]), Number(process.argv[2] ?? 1000))",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return outcome(child);
}

/** Whether `secret` is what the emulator stored (hashed) in `collection` for `id`. */
function stored(collection: string, id: string, secret: string): boolean {
  const hash = t.emulator.store
    .tenant(t.emulator.tenants[0]?.tenantId ?? "")
    ?.collection(collection)
    .get(id);
  return hash !== undefined && verifySecret(secret, hash as unknown as SecretHash);
}

describe("stdin from a slow producer", () => {
  let adaId = "";

  it("--input - waits for the whole JSON", async () => {
    const input = JSON.stringify({ displayName: "Piped Ada", signInName: "piped.ada@example.com" });
    const run = await pipeline(`${SLOW} '${input}' | ${CIAM} user create --input - -o json`);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const created = json<{ id: string; displayName: string }>(run);
    expect(created.displayName).toBe("Piped Ada");
    adaId = created.id;
  });

  it("one ciam's JSON output is the next one's --input", async () => {
    const run = await pipeline(
      [
        `${CIAM} user get --id ${adaId} -o json`,
        `--query "{id: id, jobTitle: 'Engineer'}"`,
        `| ${CIAM} user update --input - -o json`,
      ].join(" "),
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(json<{ jobTitle: string }>(run).jobTitle).toBe("Engineer");
  });

  it("--client-secret-stdin takes the secret, and it reaches the tenant", async () => {
    const run = await pipeline(
      [
        `${SLOW} 'piped-client-secret' | ${CIAM} identity-provider create --kind social`,
        "--identity-provider-type Google --client-id piped-google --client-secret-stdin -o json",
      ].join(" "),
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain("piped-client-secret");
    const { id } = json<{ id: string }>(run);
    expect(stored("_identityProviderSecrets", id, "piped-client-secret")).toBe(true);
  });

  it("--password-stdin sets the password, kept out of the command line", async () => {
    const password = "Piped-Passw0rd!";
    const run = await pipeline(
      [
        `${SLOW} '${password}' | ${CIAM} user create --display-name Grace`,
        "--sign-in-name grace.piped@example.com --password-stdin -o json",
      ].join(" "),
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const { id } = json<{ id: string }>(run);
    expect(stored("_userPasswords", id, password)).toBe(true);
    expect(stored("_userPasswords", id, `${password}x`)).toBe(false);
  });

  it("login --secret-stdin takes the secret", async () => {
    // Later than the others: login loads the sign-in code before it reads stdin.
    const tenant = t.emulator.tenants[0];
    const run = await pipeline(
      [
        `${SLOW} "$SECRET" 4000 | ${CIAM} login --tenant ${tenant?.tenantId} --client-id ${tenant?.clientId}`,
        `--secret-stdin --authority-host ${t.emulator.loginUrl} --graph-endpoint ${t.emulator.graphUrl}`,
        `--arm-endpoint ${t.emulator.armUrl} --ca "${t.caFile}"`,
      ].join(" "),
      { ...t.bare, SECRET: tenant?.clientSecret ?? "" },
    );
    expect(run.stderr).toMatch(/^Signed in to /);
    expect(run.status).toBe(0);
  });

  it("refuses more than the bound instead of reading without end", async () => {
    const run = await pipeline(
      `head -c 70000 /dev/zero | tr "\\0" a | ${CIAM} user create --display-name X --sign-in-name x@example.com --password-stdin`,
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("ciam: error: --password-stdin: stdin holds more than 65536 bytes; give less\n");
  });
});
