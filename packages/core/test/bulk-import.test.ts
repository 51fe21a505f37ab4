import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importUsers } from "../src/bulk/import-users.ts";
import { importUsersOperation } from "../src/bulk/user-import-operation.ts";
import { useBulkEmulator } from "./helpers/bulk-env.ts";
import {
  customer,
  readJsonl,
  signInNames,
  writeCsv,
  writeJsonl,
  writeRequests,
} from "./helpers/bulk-files.ts";

const { t, admin, tmp } = useBulkEmulator();

const names = () => signInNames(t.emu, t.tenant.tenantId);

describe("user import: mapping, validation and the reject file", () => {
  it("maps columns from a YAML mapping file and imports CSV rows with their profile fields", async () => {
    const file = tmp.path("legacy.csv");
    writeCsv(file, [
      {
        email: "ada@legacy.test",
        full_name: "Ada Lovelace",
        first: "Ada",
        pw: "Analyt!cal1843",
        active: "false",
      },
      {
        email: "alan@legacy.test",
        full_name: "Alan Turing",
        first: "Alan",
        pw: "En1gma!Bombe",
        active: "true",
      },
    ]);
    const mapping = tmp.path("mapping.yaml");
    writeFileSync(
      mapping,
      "columns:\n  signInName: email\n  displayName: full_name\n  givenName: first\n  password: pw\n  accountEnabled: active\n",
    );
    const result = await admin.run(importUsersOperation, { file, mapping });
    expect(result).toMatchObject({ rows: 2, created: 2, rejected: 0, failed: 0 });
    expect(result.summary).toContain("2 created");
    const ada = [...(t.emu.store.tenant(t.tenant.tenantId)?.collection("users").values() ?? [])].find((u) =>
      JSON.stringify(u.identities).includes("ada@legacy.test"),
    );
    expect(ada).toMatchObject({ givenName: "Ada", accountEnabled: false, mail: "ada@legacy.test" });
  });

  it("rejects bad rows with their line numbers and reasons, keeps going, and never writes a password", async () => {
    const file = tmp.path("users.jsonl");
    const rejectFile = tmp.path("rejects.jsonl");
    writeJsonl(file, [
      customer(1), // line 1: fine
      { ...customer(2), signInName: "not-an-email@" }, // line 2: bad email
      { ...customer(3), password: "short" }, // line 3: password rule
      { ...customer(4), password: "Kundé4!abcd" }, // line 4: a character Entra's policy refuses
      { displayName: "No Sign-in", password: "Zq!xX9#kT" }, // line 5: missing signInName
      { ...customer(1), displayName: "Same identity" }, // line 6: duplicate of line 1
      { ...customer(7), signInName: "CUST1@example.com" }, // line 7: duplicate, other case
      customer(8), // line 8: fine
    ]);
    writeFileSync(file, `${readFileSync(file, "utf8")}{not json\n`); // line 9
    const report = await importUsers(admin.context(), { file, rejectFile });
    expect(report).toMatchObject({ rows: 9, created: 2, rejected: 7, failed: 0 });
    const rejects = readJsonl<{ line: number; reasons: string[]; fields: Record<string, unknown> }>(
      rejectFile,
    );
    expect(rejects.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 9]);
    expect(rejects[0]?.reasons.join()).toMatch(/signInName/);
    expect(rejects[1]?.reasons.join()).toMatch(/8 to 256/);
    expect(rejects[2]?.reasons.join()).toMatch(/may hold only/);
    expect(rejects[4]?.reasons.join()).toMatch(/duplicate/);
    expect(rejects[6]?.reasons.join()).toMatch(/not valid JSON/);
    expect(readFileSync(rejectFile, "utf8")).not.toContain("Zq!");
    expect(readFileSync(rejectFile, "utf8")).toContain("[redacted]");
    expect([...names().keys()].filter((n) => n.startsWith("cust")).sort()).toEqual([
      "cust1@example.com",
      "cust8@example.com",
    ]);
  });

  it("imports a row whose password holds the user's name, as Entra's published policy allows", async () => {
    const file = tmp.path("named.jsonl");
    writeJsonl(file, [{ ...customer(5), displayName: "Customer Five", password: "Customer5!abc" }]);
    const report = await importUsers(admin.context(), { file, rejectFile: tmp.path("named-rejects.jsonl") });
    expect(report).toMatchObject({ rows: 1, created: 1, rejected: 0, failed: 0 });
    expect(names().has("cust5@example.com")).toBe(true);
  });

  it("sets custom attributes through extensions, and generated passwords force a change", async () => {
    const file = tmp.path("ext.csv");
    writeCsv(file, [{ signInName: "gen@example.com", displayName: "Gen Erated", loyalty: "GOLD" }]);
    const appId = "0f0e0d0c-0b0a-0908-0706-050403020100";
    const report = await importUsers(admin.context(), {
      file,
      passwords: "generate",
      mapping: { columns: {}, extensions: { loyaltyTier: "loyalty" }, extensionAppId: appId },
    });
    expect(report).toMatchObject({ created: 1, failed: 0 });
    const user = [...(t.emu.store.tenant(t.tenant.tenantId)?.collection("users").values() ?? [])].find(
      (u) => u.displayName === "Gen Erated",
    );
    expect(user?.extension_0f0e0d0c0b0a09080706050403020100_loyaltyTier).toBe("GOLD");
    expect(
      (user?.passwordProfile as { forceChangePasswordNextSignIn?: boolean } | undefined)
        ?.forceChangePasswordNextSignIn,
    ).toBe(true);
  });

  it("takes --map entries over the mapping file", async () => {
    const file = tmp.path("entries.csv");
    writeCsv(file, [
      { login: "grace@legacy.test", name: "Grace Hopper", who: "Grace", password: "C0b0l!Navy" },
    ]);
    const mapping = tmp.path("mapping.yaml");
    writeFileSync(mapping, "columns:\n  signInName: login\n  displayName: who\n");
    const report = await importUsers(admin.context(), {
      file,
      mapping,
      map: ["displayName=name", "givenName=who"],
    });
    expect(report).toMatchObject({ created: 1, rejected: 0 });
    const grace = [...(t.emu.store.tenant(t.tenant.tenantId)?.collection("users").values() ?? [])].find((u) =>
      JSON.stringify(u.identities).includes("grace@legacy.test"),
    );
    expect(grace).toMatchObject({ displayName: "Grace Hopper", givenName: "Grace" });
  });

  it("reports progress against the file's row count, ending at the rows read", async () => {
    const rows = Array.from({ length: 45 }, (_, i) => customer(i + 1));
    const file = tmp.path("progress.csv");
    // A blank line and a bad row: the count is an upper bound, the last report is exact.
    writeFileSync(
      file,
      `displayName,signInName,password\n${rows.map((r) => `${r.displayName},${r.signInName},${r.password}`).join("\n")}\n\nBad,not-an-email,x\n`,
    );
    const seen: { done?: number | undefined; total?: number | undefined; message: string }[] = [];
    const report = await importUsers(admin.context({ onProgress: (p) => seen.push(p) }), { file });
    expect(report).toMatchObject({ rows: 46, created: 45, rejected: 1 });
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.every((p) => p.total === 46 && (p.done ?? 0) <= 46)).toBe(true);
    expect(seen.at(-1)).toEqual({
      message: "importing: 45 created, 1 rejected, 0 failed",
      done: 46,
      total: 46,
    });
  });

  it("user_import keeps a journal next to the file by default, so running it again resumes", async () => {
    const file = csvOf([customer(1), customer(2)]);
    await admin.run(importUsersOperation, { file });
    const again = await admin.run(importUsersOperation, { file });
    expect(again).toMatchObject({ created: 2, resumed: 2, skipped: 0 });
    expect(readJsonl(`${file}.journal.jsonl`).filter((e) => e.s === "created")).toHaveLength(2);
    const dry = await admin.run(importUsersOperation, { file: csvOf([customer(3)]), dryRun: true });
    expect(dry.wouldCreate).toBe(1);
    expect(existsSync(`${tmp.path(`rows-${csvCount}.csv`)}.journal.jsonl`)).toBe(false);
  });

  it("refuses a bad mapping before reading any row", async () => {
    const file = tmp.path("x.csv");
    writeCsv(file, [customer(1)]);
    const mapping = tmp.path("bad.json");
    writeFileSync(mapping, JSON.stringify({ columns: { nickname: "x" } }));
    await expect(importUsers(admin.context(), { file, mapping })).rejects.toThrow(
      /mapping file .* is invalid/,
    );
    expect(writeRequests(t.emu)).toBe(0);
  });
  it("refuses a CSV with no column for a required field, suggests the --map entry, and touches nothing", async () => {
    const file = tmp.path("plain.csv");
    writeCsv(file, [{ email: "ann@legacy.test", displayName: "Ann Lee", password: "Xy7!kq92Lm" }]);
    const rejectFile = tmp.path("rejects.jsonl");
    const journalFile = tmp.path("journal.jsonl");
    const run = importUsers(admin.context(), { file, rejectFile, journalFile });
    await expect(run).rejects.toMatchObject({
      name: "InvalidInputError",
      issues: [
        // The header's names are not echoed (the "CSV" could be any file): their count and the suggestion are enough.
        expect.stringMatching(
          /^mapping: no column "signInName" for signInName in the file's header row \(3 columns\); .*--map signInName=email/,
        ),
      ],
    });
    expect(writeRequests(t.emu)).toBe(0);
    expect(existsSync(rejectFile) || existsSync(journalFile)).toBe(false);
    // The entry the error suggests is all it takes; an empty cell is reported as missing, not as a zod type.
    writeCsv(file, [
      { email: "ann@legacy.test", displayName: "Ann Lee", password: "Xy7!kq92Lm" },
      { email: "", displayName: "No Mail", password: "Xy7!kq92Lm" },
    ]);
    const report = await importUsers(admin.context(), {
      file,
      map: ["signInName=email"],
      rejectFile,
      dryRun: true,
    });
    expect(report).toMatchObject({ wouldCreate: 1, rejected: 1, reasons: { "signInName: missing": 1 } });
  });
});

describe("user import: dry run and conflicts", () => {
  it("dry run validates, reports which users exist, and writes nothing", async () => {
    await importUsers(admin.context(), { file: csvOf([customer(1), customer(2)]) });
    t.emu.control.monitor.reset();
    const before = names().size;
    const file = csvOf([customer(1), customer(2), customer(3), { ...customer(4), password: "weak" }]);
    const report = await importUsers(admin.context(), {
      file,
      dryRun: true,
      journalFile: tmp.path("j.jsonl"),
    });
    expect(report).toMatchObject({
      dryRun: true,
      rows: 4,
      existing: 2,
      wouldCreate: 1,
      rejected: 1,
      created: 0,
    });
    expect(writeRequests(t.emu)).toBe(0);
    expect(names().size).toBe(before);
  });

  it.each([
    ["skip", { skipped: 2, updated: 0, failed: 0, created: 1 }, "Customer 1"],
    ["update", { skipped: 0, updated: 2, failed: 0, created: 1 }, "Renamed 1"],
    ["fail", { skipped: 0, updated: 0, failed: 2, created: 1 }, "Customer 1"],
  ] as const)("onConflict %s", async (onConflict, counts, nameAfter) => {
    await importUsers(admin.context(), { file: csvOf([customer(1), customer(2)]) });
    const file = csvOf([
      { ...customer(1), displayName: "Renamed 1" },
      { ...customer(2), displayName: "Renamed 2" },
      customer(3),
    ]);
    const report = await importUsers(admin.context(), { file, onConflict });
    expect(report).toMatchObject(counts);
    if (onConflict === "fail") expect(report.reasons["user already exists"]).toBe(2);
    const names1 = [...(t.emu.store.tenant(t.tenant.tenantId)?.collection("users").values() ?? [])]
      .filter((u) => JSON.stringify(u.identities).includes("cust1@example.com"))
      .map((u) => u.displayName);
    expect(names1).toEqual([nameAfter]);
    expect(names().get("cust1@example.com")).toBe(1);
  });
});

let csvCount = 0;
function csvOf(rows: Record<string, string>[]): string {
  const file = tmp.path(`rows-${++csvCount}.csv`);
  writeCsv(file, rows, ["displayName", "signInName", "password"]);
  return file;
}
