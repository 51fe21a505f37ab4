// The workforce tenant's manager app: client credentials with Owner on the tenants' resource group,
// so that ARM is reached without a person signing in; a state saved before it existed gets it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import type { Snapshot } from "../src/persist/snapshot.ts";
import { API, ARM_DEFAULT, arm, createBody, directoryPath, workforceOf } from "./helpers/arm.ts";
import { startTestEmulator } from "./helpers/emulator.ts";
import { tokenFor } from "./helpers/graph-calls.ts";

const dataDir = mkdtempSync(join(tmpdir(), "ciam-workforce-manager-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("the workforce manager app", () => {
  test("creates an external tenant through ARM with client credentials", async () => {
    const t = await startTestEmulator({ arm: { provisioningSeconds: 0 } });
    try {
      const w = workforceOf(t);
      const app = w.managementApp;
      expect(app.clientId).toMatch(/^[0-9a-f-]{36}$/);
      const bearer = await tokenFor(t, w.tenantId, app.clientId, app.clientSecret, ARM_DEFAULT);
      const created = await arm(
        t,
        bearer,
        "PUT",
        `${directoryPath(w, "managed")}?${API}`,
        createBody("Managed"),
      );
      expect(created.status).toBe(201);
      // Owner on `ciam-tenants` only: another resource group of the subscription is refused.
      const elsewhere = await arm(
        t,
        bearer,
        "PUT",
        `${directoryPath(w, "other", "other-rg")}?${API}`,
        createBody("Other"),
      );
      expect(elsewhere.status).toBe(403);
    } finally {
      await t.emu.stop();
    }
  });

  test("a state saved before the app existed gets it at the next start", async () => {
    const first = await startTestEmulator({ dataDir });
    const w = workforceOf(first);
    await first.emu.stop();
    const file = join(dataDir, "snapshot.json");
    const snapshot = JSON.parse(readFileSync(file, "utf8")) as Snapshot;
    const workforce = snapshot.tenants.find((x) => x.info.id === w.tenantId);
    if (workforce === undefined) throw new Error("no workforce tenant");
    workforce.collections.applications = (workforce.collections.applications ?? []).filter(
      ([, a]) => a.displayName !== "ciamkit tenant manager",
    );
    writeFileSync(file, JSON.stringify(snapshot));

    const second = await startTestEmulator({ dataDir, arm: { provisioningSeconds: 0 } });
    try {
      const app = workforceOf(second).managementApp;
      expect(app.clientId).toMatch(/^[0-9a-f-]{36}$/);
      const bearer = await tokenFor(second, w.tenantId, app.clientId, app.clientSecret, ARM_DEFAULT);
      const list = await arm(
        second,
        bearer,
        "GET",
        `/subscriptions/${w.subscriptionId}/providers/Microsoft.AzureActiveDirectory/ciamDirectories?${API}`,
      );
      expect(list.status).toBe(200);
    } finally {
      await second.emu.stop();
    }
  });
});
