// Each example runs as a user runs it (`node <script>.ts`, Node's type stripping) in a child process
// whose environment holds only the connection variables `ciam emulator start` prints, against an
// emulator this process serves; the assertions read the tenant afterwards through the library.
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  type CiamClient,
  configPlanOperation,
  emulatorConnectionVariables,
  getBrandingFileOperation,
  getBrandingOperation,
  listApplicationsOperation,
  listGroupsOperation,
  listLocalizationsOperation,
  listUserFlowAttributesOperation,
  listUserFlowsOperation,
  listUsersOperation,
} from "@ciamkit/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useCoreEmulator } from "../../packages/core/test/helpers/emulator.ts";

const { t, client } = useCoreEmulator();
const here = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
let dir: string;
let env: Record<string, string>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ciam-examples-"));
  const caFile = join(dir, "ca.pem");
  writeFileSync(caFile, t.emu.caCertPem);
  // Only what a user's shell would hold: no AZURE_* or CIAM_* from the machine running the tests.
  const { PATH, HOME, SYSTEMROOT } = process.env;
  env = {
    ...Object.fromEntries(Object.entries({ PATH, HOME, SYSTEMROOT }).filter(([, v]) => v !== undefined)),
    ...(emulatorConnectionVariables(t.emu, t.tenant, caFile) as Record<string, string>),
  } as Record<string, string>;
});

afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/** Runs `examples/<script>` with Node (the workspace's sources through the `@ciamkit/source` condition). */
async function run(script: string, ...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--conditions=@ciamkit/source", here(script), ...args],
    { env, timeout: 90_000 },
  );
  return stdout;
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const users = (c: CiamClient) => all(c.iterate(listUsersOperation, {}));

describe("examples/list-users.ts", () => {
  it("prints every user of the tenant and their count", async () => {
    const tenantUsers = await users(client);
    const stdout = await run("list-users.ts");
    expect(stdout).toContain("Ada Lovelace <ada@example.com>");
    expect(stdout.trim().split("\n").at(-1)).toBe(`${tenantUsers.length} users`);
    for (const user of tenantUsers) expect(stdout).toContain(`${user.displayName} <`);
  });

  it("with a prefix prints only the users whose name starts with it", async () => {
    const stdout = await run("list-users.ts", "Gr");
    expect(stdout).toBe("Grace Hopper <grace@example.com>\n1 users\n");
  });
});

describe("examples/setup-user-flow.ts", () => {
  it("creates the flow with its custom attribute and page; a second run changes nothing", async () => {
    expect(await run("setup-user-flow.ts")).toMatch(/^Set up Shop sign-up \(/m);
    const flows = await all(client.iterate(listUserFlowsOperation, {}));
    const flow = flows.find((f) => f.displayName === "Shop sign-up");
    const { items: attributes } = await client.run(listUserFlowAttributesOperation, { type: "custom" });
    const tier = attributes.find((a) => a.displayName === "LoyaltyTier");
    expect(tier).toMatchObject({ userFlowAttributeType: "custom", dataType: "string" });
    expect(flow).toBeDefined();
    expect(flow?.identityProviders).toEqual(["EmailPassword-OAUTH"]);
    expect(flow?.attributes).toEqual(expect.arrayContaining(["email", "displayName", tier?.id]));

    expect(await run("setup-user-flow.ts")).toContain("Already up to date: Shop sign-up");
  });
});

describe("examples/apply-branding.ts", () => {
  it("sets the colours, texts, banner logo and French text; a second run changes nothing", async () => {
    expect(await run("apply-branding.ts")).toContain("Branding applied.");
    expect(await client.run(getBrandingOperation, {})).toMatchObject({
      backgroundColor: "#0A2540",
      signInPageText: "Welcome to the shop",
      usernameHintText: "you@example.com",
    });
    const logo = await client.run(getBrandingFileOperation, { stream: "bannerLogo" });
    expect(Buffer.from(logo.contentBase64 ?? "", "base64")).toEqual(
      readFileSync(here("branding/banner-logo.png")),
    );
    const { items } = await client.run(listLocalizationsOperation, {});
    expect(items.find((l) => l.id === "fr-FR")).toMatchObject({
      signInPageText: "Bienvenue dans la boutique",
    });

    expect(await run("apply-branding.ts")).toContain("Branding already up to date.");
  });
});

describe("examples/import-users.ts", () => {
  it("creates the valid rows of the CSV, rejects the repeated one; a second run creates nobody", async () => {
    const csv = join(dir, "customers.csv");
    copyFileSync(here("customers.csv"), csv);
    const first = await run("import-users.ts", csv);
    expect(first).toContain("Dry run of 4 rows: 3 would be created, 0 already exist, 1 rejected.");
    expect(first).toMatch(/Imported 4 rows in .*: 3 created, 0 updated, 0 skipped, 1 rejected, 0 failed/);
    const imported = (await users(client)).filter((u) => u.mail?.endsWith("@example.com"));
    expect(imported).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ displayName: "Marie Curie", mail: "marie.curie@example.com" }),
        expect.objectContaining({ displayName: "Niels Bohr", mail: "niels.bohr@example.com" }),
        expect.objectContaining({ displayName: "Lise Meitner", mail: "lise.meitner@example.com" }),
      ]),
    );
    expect((await users(client)).filter((u) => u.mail === "marie.curie@example.com")).toHaveLength(1);

    expect(await run("import-users.ts", csv)).toMatch(/: 0 created, 0 updated, 3 skipped, 1 rejected/);
  });
});

describe("examples/plan-config.ts", () => {
  it("plans without writing; --apply creates the spec's objects; the next plan is empty", async () => {
    const planned = await run("plan-config.ts");
    expect(planned).toContain("Shop members");
    expect(planned).toContain("Run again with --apply");
    const groups = () => all(client.iterate(listGroupsOperation, { displayNameStartsWith: "Shop" }));
    expect(await groups()).toEqual([]);

    await run("plan-config.ts", "--apply");
    expect((await groups()).map((g) => g.displayName)).toEqual(["Shop staff"]);
    const apps = await all(client.iterate(listApplicationsOperation, { displayNameStartsWith: "Shop web" }));
    const app = apps[0];
    expect(app?.web?.redirectUris).toEqual(["https://shop.example/signin"]);
    const flow = (await all(client.iterate(listUserFlowsOperation, {}))).find(
      (f) => f.displayName === "Shop members",
    );
    expect(flow?.applications).toEqual([app?.appId]);

    const again = await client.run(configPlanOperation, { dir: here("tenant") });
    expect(again.changes).toEqual([]);
  });
});
