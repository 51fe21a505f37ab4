// `ciam tenant …` against the emulator's ARM: a workforce admin signs in by device code (approved
// through the control API, as a person would in a browser) and creates an external tenant.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { WorkforceConnection } from "@ciamkit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ciam, cmd, emulatorFlags, json, requireBuilt, startTenant, type TestTenant } from "./harness.ts";

let t: TestTenant;
let w: WorkforceConnection;
beforeAll(async () => {
  requireBuilt();
  t = await startTenant({ deviceCode: { intervalSeconds: 1 }, arm: { provisioningSeconds: 4 } });
  if (t.emulator.workforce === undefined) throw new Error("the demo seed has no workforce tenant");
  w = t.emulator.workforce;
  await login("admin", w.adminUser.userPrincipalName);
  await login("developer", w.developerUser.userPrincipalName);
}, 60_000);
afterAll(async () => t?.close());

/**
 * Each profile gets its own home: the device code flow's token cache is one file per user
 * (`~/.ciamkit/msal-cache.json`), and two people sharing a machine account is not what this tests.
 */
const homes = new Map<string, Record<string, string>>();
function envOf(profile: string): Record<string, string> {
  let env = homes.get(profile);
  if (env === undefined) {
    const home = join(t.bare.HOME ?? "", profile);
    mkdirSync(home, { recursive: true });
    env = { ...t.bare, HOME: home };
    homes.set(profile, env);
  }
  return env;
}

/** `ciam login` by device code into the workforce tenant, approving the code as `upn` once it is shown. */
async function login(profile: string, upn: string): Promise<void> {
  let approved = false;
  const run = await ciam(
    [
      "login",
      "--tenant",
      w.tenantId,
      "--client-id",
      w.publicClientId,
      "--auth",
      "device-code",
      "--profile",
      profile,
      ...emulatorFlags(t),
    ],
    envOf(profile),
    "",
    (stderr) => {
      const code = stderr.match(/enter the code (\S+)/i)?.[1];
      if (code !== undefined && !approved) {
        approved = true;
        t.emulator.control.approveDeviceCode(code, upn);
      }
    },
  );
  if (run.status !== 0) throw new Error(`ciam login ${profile} failed: ${run.stderr}`);
}

const upns = () => ({ admin: w.adminUser.userPrincipalName, developer: w.developerUser.userPrincipalName });

/**
 * `ciam --profile <p> tenant <verb> …` with the sandbox's config (no AZURE_* override). `ciam login`
 * signed in for Graph; the first ARM command asks for a device code once more (the emulator issues no
 * refresh token to redeem for another resource), which the person approves as at login.
 */
const tenant = (profile: "admin" | "developer", verb: string, ...args: string[]) => {
  let approved = false;
  return ciam(["--profile", profile, "tenant", verb, ...args], envOf(profile), "", (stderr) => {
    const code = stderr.match(/enter the code (\S+)/i)?.[1];
    if (code !== undefined && !approved) {
      approved = true;
      t.emulator.control.approveDeviceCode(code, upns()[profile]);
    }
  });
};
const at = () => ["--subscription-id", w.subscriptionId, "--resource-group", w.resourceGroup];

interface Created {
  tenant: { name: string; properties: { provisioningState: string } };
  pollToken: string;
}

describe("ciam tenant", () => {
  it("check-name answers whether a name is free", async () => {
    const free = await tenant(
      "admin",
      "check-name",
      ...cmd`--subscription-id ${w.subscriptionId} --name alpineshop --country-code FR -o json`,
    );
    expect(free.status).toBe(0);
    expect(json(free)).toMatchObject({ nameAvailable: true });
  });

  it("create, then create-wait with plain progress lines (no terminal), then get and list", {
    timeout: 30_000,
  }, async () => {
    const created = await tenant(
      "admin",
      "create",
      ...at(),
      "--name",
      "alpineshop",
      "--display-name",
      "Alpine shop",
      "--country-code",
      "FR",
      "--location",
      "Europe",
      "--tags",
      '{"env":"test"}',
      "-o",
      "json",
    );
    expect(created.status).toBe(0);
    const started = json<Created>(created);
    expect(started.tenant.properties.provisioningState).toBe("Provisioning");

    const waited = await tenant("admin", "create-wait", "--poll-token", started.pollToken, "-o", "json");
    expect(waited.status).toBe(0);
    // Not a terminal: one plain line per reported state, no bar drawing (no carriage returns).
    const lines = waited.stderr.trim().split("\n");
    for (const line of lines) expect(line).toMatch(/^Tenant creation (InProgress|Succeeded) \(check \d+\)$/);
    expect(lines.at(-1)).toMatch(/Succeeded/);
    expect(waited.stderr).not.toContain("\r");
    expect(json(waited)).toMatchObject({
      tenant: { properties: { provisioningState: "Succeeded", domainName: "alpineshop.onmicrosoft.com" } },
    });

    const status = await tenant("admin", "create-status", "--poll-token", started.pollToken, "-o", "json");
    expect(json(status)).toMatchObject({ status: "Succeeded", done: true });
    const got = await tenant("admin", "get", ...at(), "--name", "alpineshop", "-o", "json");
    expect(json(got)).toMatchObject({ name: "alpineshop", location: "Europe", tags: { env: "test" } });
    const list = await tenant("admin", "list", "--subscription-id", w.subscriptionId, "-o", "json");
    expect(json<{ name: string }[]>(list).map((x) => x.name)).toContain("alpineshop");
    const taken = await tenant(
      "admin",
      "check-name",
      ...cmd`--subscription-id ${w.subscriptionId} --name alpineshop --country-code FR --query reason -o tsv`,
    );
    expect(taken.stdout.trim()).toBe("AlreadyExists");
  });

  it("update replaces the tags and the SKU", async () => {
    const updated = await tenant(
      "admin",
      "update",
      ...at(),
      "--name",
      "alpineshop",
      "--tags",
      '{"env":"prod"}',
      "--sku",
      "PremiumP1",
      "-o",
      "json",
    );
    expect(updated.status).toBe(0);
    expect(json(updated)).toMatchObject({ tags: { env: "prod" }, sku: { name: "PremiumP1" } });
  });

  it("delete refuses without a terminal or --yes, then deletes with --yes", { timeout: 30_000 }, async () => {
    const refused = await tenant("admin", "delete", ...at(), "--name", "alpineshop");
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/pass --yes/);
    expect(json(await tenant("admin", "get", ...at(), "--name", "alpineshop", "-o", "json"))).toMatchObject({
      name: "alpineshop",
    });
    const deleted = await tenant("admin", "delete", ...at(), "--name", "alpineshop", "--yes", "-o", "json");
    expect(deleted.status).toBe(0);
    const gone = await tenant("admin", "get", ...at(), "--name", "alpineshop");
    expect(gone.status).toBe(5);
    expect(gone.stderr).toMatch(/^ciam: error: /);
  });

  it("a user without an Azure role gets exit 4 naming the RBAC action, and nothing is created", async () => {
    const run = await tenant(
      "developer",
      "create",
      ...at(),
      "--name",
      "devshop",
      "--display-name",
      "Dev shop",
      "--country-code",
      "FR",
      "--location",
      "Europe",
    );
    expect(run.status).toBe(4);
    expect(run.stderr).toContain("Microsoft.AzureActiveDirectory/ciamDirectories/write");
    const list = await tenant("admin", "list", "--subscription-id", w.subscriptionId, "-o", "json");
    expect(json<{ name: string }[]>(list).map((x) => x.name)).not.toContain("devshop");
  });

  it("a location outside the enumeration is a usage error before any request", async () => {
    const before = t.requests();
    const run = await tenant(
      "admin",
      "create",
      ...at(),
      "--name",
      "okname",
      "--display-name",
      "Ok",
      "--country-code",
      "FR",
      "--location",
      "westeurope",
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Allowed choices are United States, Europe/);
    expect(t.requests()).toBe(before);
  });
});
