// A data directory's state stays bounded: audit and sign-in records and deleted items past Entra's
// retention (30 days), and log records beyond the cap, are dropped when the state is loaded and saved.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { startEmulator } from "../src/emulator.ts";
import type { Snapshot } from "../src/persist/snapshot.ts";
import { startTestEmulator } from "./helpers/emulator.ts";
import { graphCaller } from "./helpers/graph-https.ts";

const dir = mkdtempSync(join(tmpdir(), "ciam-emulator-retention-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DAY = 24 * 60 * 60 * 1000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/** A state grown over months: 30,000 audit records (half older than 30 days), 5,000 old sign-ins, deleted users. */
async function grownState(): Promise<{ tenantId: string; bytes: number }> {
  const first = await startEmulator({ dataDir: dir, throttling: false });
  const tenantId = first.tenants[0]?.tenantId ?? "";
  await first.stop();
  const file = join(dir, "snapshot.json");
  const snapshot = JSON.parse(readFileSync(file, "utf8")) as Snapshot;
  const tenant = snapshot.tenants.find((t) => t.info.id === tenantId);
  if (tenant === undefined) throw new Error("no demo tenant in the snapshot");
  const audits: [string, Record<string, unknown>][] = [];
  for (let i = 0; i < 30_000; i++) {
    const id = `audit-${i}`;
    const at = i < 15_000 ? ago(40 * DAY + i * 1000) : ago(i * 1000);
    audits.push([
      id,
      {
        id,
        category: "UserManagement",
        activityDisplayName: "Add user",
        activityDateTime: at,
        result: "success",
      },
    ]);
  }
  tenant.collections.directoryAudits = audits;
  tenant.collections.signIns = Array.from({ length: 5_000 }, (_, i) => [
    `signin-${i}`,
    { id: `signin-${i}`, createdDateTime: ago(31 * DAY + i * 1000), appId: "x" },
  ]);
  const user = tenant.collections.users?.[0]?.[1];
  if (user === undefined) throw new Error("no user to copy");
  const deleted = (id: string, at: string) =>
    [id, { ...user, id, userPrincipalName: `${id}@contoso.onmicrosoft.com`, deletedDateTime: at }] as [
      string,
      Record<string, unknown>,
    ];
  tenant.collections.deletedItems = [
    deleted("00000000-0000-4000-8000-00000000000a", ago(31 * DAY)),
    deleted("00000000-0000-4000-8000-00000000000b", ago(2 * DAY)),
  ];
  tenant.collections._deletedItems = [
    ["00000000-0000-4000-8000-00000000000a", { type: "user", secrets: [] }],
    ["00000000-0000-4000-8000-00000000000b", { type: "user", secrets: [] }],
  ];
  writeFileSync(file, JSON.stringify(snapshot));
  return { tenantId, bytes: statSync(file).size };
}

describe("retention of a persistent state", () => {
  test("loading drops what Entra no longer keeps and caps the logs, and the compacted snapshot is smaller", async () => {
    const grown = await grownState();
    const t = await startTestEmulator({ dataDir: dir, throttling: false });
    try {
      const tenant = t.emu.store.tenant(grown.tenantId);
      // 15,000 recent audit records, capped to the newest 10,000; the old ones and the old sign-ins are gone.
      const audits = [...(tenant?.collection("directoryAudits").values() ?? [])];
      expect(audits).toHaveLength(10_000);
      expect(audits.every((a) => Date.parse(String(a.activityDateTime)) > Date.now() - 30 * DAY)).toBe(true);
      expect(audits.some((a) => a.id === "audit-15000")).toBe(true);
      expect(tenant?.collection("signIns").size).toBe(0);
      // Through Graph: the user deleted 31 days ago was purged for good, the one deleted 2 days ago is restorable.
      const graph = graphCaller(t, () => token);
      const token = await t.graphToken();
      const listed = await graph.get("/v1.0/directory/deletedItems/microsoft.graph.user");
      expect(listed.status).toBe(200);
      expect(listed.body.value.map((u: { id: string }) => u.id)).toEqual([
        "00000000-0000-4000-8000-00000000000b",
      ]);
      expect(
        (await graph.get("/v1.0/directory/deletedItems/00000000-0000-4000-8000-00000000000a")).status,
      ).toBe(404);
      expect(tenant?.collection("_deletedItems").has("00000000-0000-4000-8000-00000000000a")).toBe(false);
    } finally {
      await t.emu.stop();
    }
    // What start wrote (and stop again): the compacted state, a fraction of the grown one.
    expect(statSync(join(dir, "snapshot.json")).size).toBeLessThan(grown.bytes / 2);
  });
});
