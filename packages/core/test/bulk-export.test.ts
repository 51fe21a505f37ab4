import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { exportUsers } from "../src/bulk/export-users.ts";
import { importUsers } from "../src/bulk/import-users.ts";
import { exportUsersOperation } from "../src/bulk/user-export-operation.ts";
import { useBulkEmulator } from "./helpers/bulk-env.ts";
import { readJsonl } from "./helpers/bulk-files.ts";

const { t, admin, tmp } = useBulkEmulator({ seedUsers: 250 });

const userCount = () => t.emu.store.tenant(t.tenant.tenantId)?.collection("users").size ?? 0;

describe("user export", () => {
  it("writes every user once to JSON Lines with the selected properties", async () => {
    const file = tmp.path("users.jsonl");
    const result = await admin.run(exportUsersOperation, {
      file,
      select: ["id", "displayName"],
      pageSize: 100,
    });
    const rows = readJsonl<{ id: string; displayName: string }>(file);
    expect(result).toMatchObject({ exported: userCount(), resumed: false });
    expect(rows.length).toBe(userCount());
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(Object.keys(rows[0] ?? {})).toEqual(["id", "displayName"]);
    expect(existsSync(`${file}.state.json`)).toBe(false);
  });

  it("writes CSV with a header, honours a filter, and round-trips through import", async () => {
    const file = tmp.path("disabled.csv");
    const source = tmp.path("in.jsonl");
    writeFileSync(
      source,
      [1, 2, 3]
        .map((n) =>
          JSON.stringify({
            displayName: `Off ${n}`,
            signInName: `off${n}@example.com`,
            password: "Zq!9#kTwX",
            accountEnabled: false,
          }),
        )
        .join("\n"),
    );
    expect((await importUsers(admin.context(), { file: source })).created).toBe(3);
    const result = await exportUsers(admin.context(), {
      file,
      filter: "accountEnabled eq false",
      select: ["displayName", "accountEnabled", "identities"],
    });
    const records = parse(readFileSync(file, "utf8"), { columns: true }) as Record<string, string>[];
    expect(result.exported).toBe(records.length);
    expect(
      records
        .map((r) => r.displayName)
        .filter((n) => n?.startsWith("Off "))
        .sort(),
    ).toEqual(["Off 1", "Off 2", "Off 3"]);
    expect(records.every((r) => r.accountEnabled === "false")).toBe(true);
    expect(JSON.parse(records.find((r) => r.displayName === "Off 1")?.identities ?? "[]")).toContainEqual(
      expect.objectContaining({ issuerAssignedId: "off1@example.com" }),
    );
  });

  it("resumes from the state file after an interruption, truncating a half-written page", async () => {
    const file = tmp.path("resume.jsonl");
    const controller = new AbortController();
    await expect(
      exportUsers(
        admin.context({
          signal: controller.signal,
          onProgress: (p) => {
            if ((p.done ?? 0) >= 100) controller.abort(new Error("interrupted"));
          },
        }),
        { file, select: ["id"], pageSize: 50 },
      ),
    ).rejects.toThrow(/interrupted/);
    expect(existsSync(`${file}.state.json`)).toBe(true);
    writeFileSync(file, `${readFileSync(file, "utf8")}{"id":"half-written`); // a crash mid-append
    const result = await exportUsers(admin.context(), { file, select: ["id"], pageSize: 50 });
    expect(result.resumed).toBe(true);
    const ids = readJsonl<{ id: string }>(file).map((r) => r.id);
    expect(ids.length).toBe(userCount());
    expect(new Set(ids).size).toBe(ids.length);
  });
});
