import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import type { CiamClient } from "../src/client.ts";
import { migrateUsers } from "../src/graph/migration/migrate-users.ts";
import type { PipelinePolicy } from "../src/http/pipeline.ts";
import { b2cSourceTenant, SOURCE_USERS } from "./helpers/b2c-source.ts";
import { throttleWrites, useBulkEmulator } from "./helpers/bulk-env.ts";

const { t, admin, tmp } = useBulkEmulator();

const MIGRATABLE =
  SOURCE_USERS.email + SOURCE_USERS.userName + SOURCE_USERS.social + SOURCE_USERS.emailAndSocial;
let source: CiamClient;
let n = 0;
beforeEach(async () => {
  n++;
  source = await b2cSourceTenant(t, `b2csource${n}`);
});

type StoredUser = Record<string, unknown> & { identities?: Record<string, string>[] };

/** The target tenant's users that carry a source object id, by that id. */
function migrated(): Map<string, StoredUser[]> {
  const byId = new Map<string, StoredUser[]>();
  for (const user of t.emu.store.tenant(t.tenant.tenantId)?.collection("users").values() ?? []) {
    const key = Object.keys(user).find((k) => k.endsWith("_B2CObjectId"));
    if (key === undefined) continue;
    const id = String(user[key]);
    byId.set(id, [...(byId.get(id) ?? []), user as StoredUser]);
  }
  return byId;
}

const property = (user: StoredUser, name: string) =>
  Object.entries(user).find(([k]) => k.startsWith("extension_") && k.endsWith(`_${name}`))?.[1];

describe("migration_users: B2C users into External ID", () => {
  it("maps identities, copies custom attributes, keeps the source id, flags local accounts, and never writes a password", async () => {
    const sent: string[] = [];
    const capture: PipelinePolicy = {
      name: "capture-passwords",
      async sendRequest(request, next) {
        if (typeof request.body === "string")
          for (const m of request.body.matchAll(/"password":"([^"]+)"/g)) sent.push(m[1] as string);
        return next(request);
      },
    };
    const target = t.client({ policies: [{ policy: capture, position: "perRetry" }] });
    const lines: string[] = [];
    const journalFile = tmp.path("journal.jsonl");
    const reportFile = tmp.path("report.json");
    const report = await migrateUsers(source, target, {
      journalFile,
      reportFile,
      onProgress: (p) => lines.push(p.message),
    });
    expect(report).toMatchObject({ rows: MIGRATABLE + 1, created: MIGRATABLE, rejected: 1, failed: 0 });
    expect(report.attributesCreated.sort()).toEqual([
      "B2CObjectId",
      "LoyaltyTier",
      "RequiresMigration",
      "Vip",
    ]);
    expect(report.rejects[0]?.reasons.join(" ")).toMatch(/no local or social sign-in/);

    const users = migrated();
    expect(users.size).toBe(MIGRATABLE);
    const all = [...users.values()].map((u) => u[0] as StoredUser);
    const domain = String(t.emu.store.tenant(t.tenant.tenantId)?.info.defaultDomain).toLowerCase();
    const email1 = all.find((u) => u.identities?.some((i) => i.issuerAssignedId === "email1@example.com"));
    expect(email1?.identities?.find((i) => i.signInType === "emailAddress")?.issuer?.toLowerCase()).toBe(
      domain,
    );
    expect(email1?.mail).toBe("email1@example.com");
    expect(email1?.givenName).toBe("Given1");
    expect(property(email1 as StoredUser, "LoyaltyTier")).toBe("silver");
    expect(property(email1 as StoredUser, "Vip")).toBe(true);
    expect(property(email1 as StoredUser, "RequiresMigration")).toBe(true);
    const user1 = all.find((u) => u.identities?.some((i) => i.issuerAssignedId === "user1"));
    expect(user1?.identities?.find((i) => i.signInType === "userName")?.issuer?.toLowerCase()).toBe(domain);
    // A username account's UPN carries its user name: what the JIT request gives the B2C verifier.
    expect(String(user1?.userPrincipalName).toLowerCase()).toBe(`user1@${domain}`);
    const social = all.filter((u) => u.identities?.some((i) => i.issuer === "facebook.com"));
    expect(social).toHaveLength(SOURCE_USERS.social + SOURCE_USERS.emailAndSocial);
    const socialOnly = social.filter((u) => !u.identities?.some((i) => i.signInType === "emailAddress"));
    expect(socialOnly.map((u) => property(u, "RequiresMigration"))).toEqual([undefined, undefined]);
    // The UPN is the target's own, not the source's.
    expect(all.every((u) => String(u.userPrincipalName).toLowerCase().endsWith(`@${domain}`))).toBe(true);
    // The source object ids are kept: every source customer is there once.
    const sourceIds = (
      await source.graph.get<{ value: { id: string; identities: { signInType: string }[] }[] }>(
        "/users?$select=id,identities",
      )
    ).value.filter((u) => u.identities.some((i) => i.signInType !== "userPrincipalName"));
    expect([...users.keys()].sort()).toEqual(sourceIds.map((u) => u.id).sort());

    // Passwords: one per local account went out, and none is in the journal, report, result or progress.
    expect(sent).toHaveLength(SOURCE_USERS.email + SOURCE_USERS.userName + SOURCE_USERS.emailAndSocial);
    const written = [
      readFileSync(journalFile, "utf8"),
      readFileSync(reportFile, "utf8"),
      JSON.stringify(report),
      lines.join("\n"),
    ].join("\n");
    for (const password of sent) expect(written).not.toContain(password);
    expect(written).not.toMatch(/password/i);
  });

  it("a dry run reads, maps and reports, and writes nothing", async () => {
    const before = t.emu.store.tenant(t.tenant.tenantId)?.collection("users").size;
    const attributes = () => admin.graph.get<{ value: unknown[] }>("/identity/userFlowAttributes");
    const attributesBefore = (await attributes()).value.length;
    const report = await migrateUsers(source, admin, { dryRun: true });
    expect(report).toMatchObject({ dryRun: true, wouldCreate: MIGRATABLE, rejected: 1, created: 0 });
    expect(report.attributesCreated).toHaveLength(4);
    expect(t.emu.store.tenant(t.tenant.tenantId)?.collection("users").size).toBe(before);
    expect((await attributes()).value.length).toBe(attributesBefore);
  });

  it("a run interrupted under dropped answers and 503s is completed by a rerun: every user exactly once", async () => {
    const extra = 48;
    for (let i = 1; i <= extra; i++)
      await source.graph.post("/users", {
        displayName: `More ${i}`,
        identities: [
          {
            signInType: "emailAddress",
            issuer: `b2csource${n}.onmicrosoft.com`,
            issuerAssignedId: `more${i}@example.com`,
          },
        ],
        passwordProfile: { password: "Old-passw0rd!", forceChangePasswordNextSignIn: false },
      });
    await throttleWrites(t);
    await t.control("PUT", "/faults", {
      seed: 16,
      rules: [
        { method: "POST", path: "/users", fault: { kind: "error", status: 503 }, probability: 0.1 },
        { method: "POST", path: "/users", fault: { kind: "drop", when: "after" }, probability: 0.1 },
      ],
    });
    const journalFile = tmp.path("journal.jsonl");
    const controller = new AbortController();
    const first = migrateUsers(source, admin, {
      journalFile,
      maxConcurrency: 1,
      signal: controller.signal,
      onProgress: (p) => {
        if ((p.done ?? 0) >= 4) controller.abort(new Error("killed"));
      },
    });
    await expect(first).rejects.toThrow(/killed/);
    expect(migrated().size).toBeLessThan(MIGRATABLE + extra);
    await t.control("PUT", "/throttling", { enabled: false });
    const report = await migrateUsers(source, admin, { journalFile });
    expect(report).toMatchObject({ created: MIGRATABLE + extra, failed: 0 });
    expect(report.resumed).toBeGreaterThan(0);
    const users = migrated();
    expect(users.size).toBe(MIGRATABLE + extra);
    expect([...users.values()].every((u) => u.length === 1)).toBe(true);
  });

  it("a rerun without the journal skips every user (onConflict skip) and changes nothing", async () => {
    await migrateUsers(source, admin, {});
    const before = JSON.stringify([...migrated().entries()]);
    const report = await migrateUsers(source, admin, { onConflict: "skip" });
    expect(report).toMatchObject({ created: 0, skipped: MIGRATABLE, failed: 0, attributesCreated: [] });
    expect(JSON.stringify([...migrated().entries()])).toBe(before);
  });
});
