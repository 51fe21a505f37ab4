// The ARM side of persistence: resources created through ARM, and the tenants they made, come back
// after a restart on the same data directory.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  API,
  ARM_DEFAULT,
  arm,
  createBody,
  deviceCodeToken,
  directoryPath,
  workforceOf,
} from "./helpers/arm.ts";
import { startTestEmulator } from "./helpers/emulator.ts";

describe("persistence", () => {
  test("ARM resources and the tenants they created survive a restart on the same data dir", {
    timeout: 30_000,
  }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "ciam-arm-persist-"));
    try {
      const first = await startTestEmulator({
        dataDir,
        deviceCode: { intervalSeconds: 1 },
        arm: { provisioningSeconds: 0 },
      });
      const fw = workforceOf(first);
      let tenantId = "";
      try {
        const bearer = await deviceCodeToken(first, fw.adminUser.userPrincipalName, ARM_DEFAULT);
        const created = await arm(
          first,
          bearer,
          "PUT",
          `${directoryPath(fw, "keepme")}?${API}`,
          createBody("Keep me"),
        );
        expect(created.status).toBe(201);
        tenantId = String((created.body.properties as { tenantId: string }).tenantId);
        // Provisioning takes no time here: the next request settles it.
        const got = await arm(first, bearer, "GET", `${directoryPath(fw, "keepme")}?${API}`);
        expect(got.body.properties).toMatchObject({ provisioningState: "Succeeded" });
      } finally {
        await first.emu.stop();
      }
      const second = await startTestEmulator({ dataDir, deviceCode: { intervalSeconds: 1 } });
      try {
        const sw = workforceOf(second);
        const bearer = await deviceCodeToken(second, sw.adminUser.userPrincipalName, ARM_DEFAULT);
        const got = await arm(second, bearer, "GET", `${directoryPath(sw, "keepme")}?${API}`);
        expect(got.status).toBe(200);
        expect(got.body.properties).toMatchObject({ provisioningState: "Succeeded", tenantId });
        expect(second.emu.store.tenant("keepme")?.info.id).toBe(tenantId);
      } finally {
        await second.emu.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
