import type { EmulatorOptions } from "@ciamkit/emulator";
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import { importUsersOperation } from "../../src/bulk/user-import-operation.ts";
import type { CiamClient } from "../../src/client.ts";
import { tempDir } from "./bulk-files.ts";
import { type CoreEmulator, lateBound, startCoreEmulator } from "./emulator.ts";

/** What each bulk test works with: the emulator, an admin client, and a fresh temporary directory. */
export interface BulkEnv {
  t: CoreEmulator;
  admin: CiamClient;
  tmp: ReturnType<typeof tempDir>;
}

/**
 * Registers the hooks the bulk test files share: one emulator and admin client per file, and before
 * each test a new temporary directory (removed after it) and, unless `reset` is false, a reset tenant
 * (then `seedUsers` seeded, or else an emptied request monitor). After each test, the faults and
 * throttling it set are cleared. What it returns reads through to the current values, so use it in
 * hooks and tests.
 */
export function useBulkEmulator(
  options: { reset?: boolean; seedUsers?: number; emulator?: EmulatorOptions } = {},
): BulkEnv {
  let t: CoreEmulator | undefined;
  let admin: CiamClient | undefined;
  let tmp: ReturnType<typeof tempDir> | undefined;
  beforeAll(async () => {
    t = await startCoreEmulator(options.emulator);
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
  });
  afterEach(async () => {
    tmp?.cleanup();
    await t?.control("DELETE", "/faults");
    await t?.control("PUT", "/throttling", { enabled: false });
  });
  return { t: lateBound(() => t), admin: lateBound(() => admin), tmp: lateBound(() => tmp) };
}

/** Graph's write budget at 20 a second (time scale 150): slow enough to stop an import part way. */
export function throttleWrites(t: CoreEmulator): Promise<unknown> {
  return t.control("PUT", "/throttling", { enabled: true, timeScale: 150, limits: { appTenantWrites: 20 } });
}

/**
 * Imports `rows` inline at that pace and stops the run, as its user would, once `stopAt` rows are
 * done; resolves when the run has stopped, with throttling off again.
 */
export async function stopInlineImport(
  env: Pick<BulkEnv, "t" | "admin">,
  rows: Record<string, string>[],
  stopAt: number,
): Promise<void> {
  await throttleWrites(env.t);
  try {
    const controller = new AbortController();
    const stopped = env.admin.run(
      importUsersOperation,
      { rows },
      {
        signal: controller.signal,
        onProgress: (p) => {
          if ((p.done ?? 0) >= stopAt) controller.abort(new Error("stopped by the user"));
        },
      },
    );
    await expect(stopped).rejects.toThrow(/stopped by the user/);
  } finally {
    await env.t.control("PUT", "/throttling", { enabled: false });
  }
}
