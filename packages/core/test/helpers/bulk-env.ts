import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import type { CiamClient } from "../../src/client.ts";
import { tempDir } from "./bulk-files.ts";
import { type CoreEmulator, startCoreEmulator } from "./emulator.ts";

/** What each bulk test works with: the emulator, an admin client, and a fresh temporary directory. */
export interface BulkEnv {
  t: CoreEmulator;
  admin: CiamClient;
  tmp: ReturnType<typeof tempDir>;
}

/**
 * Registers the hooks the bulk test files share: one emulator and admin client per file, and before
 * each test a new temporary directory (removed after it) and, unless `reset` is false, a reset tenant
 * (then `seedUsers` seeded, or else an emptied request monitor). `bind` receives the values before
 * each test, so a file keeps its own `t`, `admin` and `tmp` names.
 */
export function useBulkEmulator(
  bind: (env: BulkEnv) => void,
  options: { reset?: boolean; seedUsers?: number } = {},
): void {
  let t: CoreEmulator | undefined;
  let admin: CiamClient | undefined;
  let tmp: ReturnType<typeof tempDir> | undefined;
  beforeAll(async () => {
    t = await startCoreEmulator();
    admin = t.client();
  });
  afterAll(() => t?.stop());
  beforeEach(async () => {
    if (t === undefined || admin === undefined) throw new Error("the bulk emulator did not start");
    tmp = tempDir();
    if (options.reset !== false) {
      await t.control("POST", "/reset", {});
      if (options.seedUsers === undefined) t.emu.control.monitor.reset();
      else await t.control("POST", "/seed", { tenant: t.tenant.tenantId, users: options.seedUsers });
    }
    bind({ t, admin, tmp });
  });
  afterEach(() => tmp?.cleanup());
}
