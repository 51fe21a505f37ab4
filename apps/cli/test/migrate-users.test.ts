import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { clientSecretCredential, createCiamClient, customCloud } from "@ciamkit/core";
import { seedDirectory } from "@ciamkit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ciam, emulatorFlags, json, requireBuilt, startTenant, type TestTenant } from "./harness.ts";

let t: TestTenant;
let cfg: Record<string, string>;
const SOURCE_USERS = 4;

/** A B2C tenant in the emulator with three local accounts and a social one; its app's credentials. */
async function b2cSource(): Promise<{ tenantId: string; clientId: string; secret: string }> {
  const tenant = t.emulator.store.putTenant({
    id: randomUUID(),
    kind: "b2c",
    displayName: "clisource",
    subdomain: "clisource",
    defaultDomain: "clisource.onmicrosoft.com",
    createdDateTime: new Date(Date.UTC(2026, 0, 1)).toISOString(),
  });
  const app = seedDirectory(tenant, {
    seed: "clisource",
    apps: [
      {
        displayName: "management",
        graphPermissions: ["User.ReadWrite.All", "IdentityUserFlow.ReadWrite.All"],
      },
    ],
  }).apps[0];
  if (app?.secret == null) throw new Error("the app got no secret");
  const { loginUrl, graphUrl, armUrl, caCertPem } = t.emulator;
  const cloud = customCloud({
    authorityHost: loginUrl,
    graphEndpoint: graphUrl,
    armEndpoint: armUrl,
    ca: caCertPem,
  });
  const client = createCiamClient({
    credential: clientSecretCredential({
      tenantId: tenant.info.id,
      clientId: app.appId,
      clientSecret: app.secret,
      cloud,
    }),
    tenantId: tenant.info.id,
    cloud,
  });
  for (let i = 1; i < SOURCE_USERS; i++)
    await client.graph.post("/users", {
      displayName: `Customer ${i}`,
      identities: [
        {
          signInType: "emailAddress",
          issuer: "clisource.onmicrosoft.com",
          issuerAssignedId: `cli${i}@example.com`,
        },
      ],
      passwordProfile: { password: "Old-passw0rd!", forceChangePasswordNextSignIn: false },
    });
  await client.graph.post("/users", {
    displayName: "Social",
    identities: [{ signInType: "federated", issuer: "google.com", issuerAssignedId: "g-1" }],
  });
  await client.close();
  return { tenantId: tenant.info.id, clientId: app.appId, secret: app.secret };
}

beforeAll(async () => {
  requireBuilt();
  t = await startTenant();
  cfg = t.bare;
  const source = await b2cSource();
  const login = (name: string, tenant: string, clientId: string, secret: string) =>
    ciam(
      [
        "login",
        "--tenant",
        tenant,
        "--client-id",
        clientId,
        "--profile",
        name,
        ...emulatorFlags(t),
        "--secret-stdin",
        "--save-secret",
      ],
      cfg,
      secret,
    );
  expect((await login("b2c", source.tenantId, source.clientId, source.secret)).status).toBe(0);
  const target = await login(
    "external",
    t.env.AZURE_TENANT_ID ?? "",
    t.env.AZURE_CLIENT_ID ?? "",
    t.env.AZURE_CLIENT_SECRET ?? "",
  );
  expect(target.status).toBe(0);
});
afterAll(async () => t?.close());

describe("ciam migrate users", () => {
  it("a dry run reports what would be created, then the run copies every customer once", async () => {
    const dry = await ciam(
      ["migrate", "users", "--from", "b2c", "--to", "external", "--dry-run", "-o", "json"],
      cfg,
    );
    expect(dry.status, dry.stderr).toBe(0);
    expect(json(dry)).toMatchObject({ dryRun: true, wouldCreate: SOURCE_USERS, created: 0 });

    const journal = join(cfg.HOME ?? "", "migration.journal.jsonl");
    const reportFile = join(cfg.HOME ?? "", "migration.report.json");
    const args = ["migrate", "users", "--from", "b2c", "--to", "external", "--journal-file", journal];
    const run = await ciam([...args, "--report-file", reportFile, "-o", "json"], cfg);
    expect(run.status, run.stderr).toBe(0);
    const result = json<{ created: number; summary: string }>(run);
    expect(result).toMatchObject({ created: SOURCE_USERS, failed: 0, rejected: 0 });
    expect(result.summary).toMatch(/Custom attributes created in the target: B2CObjectId, RequiresMigration/);
    for (const text of [
      readFileSync(journal, "utf8"),
      readFileSync(reportFile, "utf8"),
      run.stdout,
      run.stderr,
    ])
      expect(text).not.toMatch(/password/i);

    // The same command again resumes from its journal: nothing is written twice.
    const again = await ciam([...args, "-o", "json"], cfg);
    expect(json(again)).toMatchObject({ created: SOURCE_USERS, resumed: SOURCE_USERS, envelopes: 0 });
  });

  it("an unknown source profile is a usage error naming --from, and nothing is written", async () => {
    const before = t.requests();
    const run = await ciam(["migrate", "users", "--from", "nosuch", "--to", "external"], cfg);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/from: No profile named 'nosuch'/);
    expect(t.requests()).toBe(before);
  });
});
