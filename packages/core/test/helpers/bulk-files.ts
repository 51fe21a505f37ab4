import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunningEmulator } from "@ciamkit/emulator";

/** A temporary directory removed by `cleanup()`. */
export function tempDir(): { dir: string; path(name: string): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), "ciamkit-bulk-"));
  return {
    dir,
    path: (name) => join(dir, name),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A customer row with a valid password. */
export function customer(n: number, prefix = "cust"): Record<string, string> {
  return {
    displayName: `Customer ${n}`,
    signInName: `${prefix}${n}@example.com`,
    // A distinct password per row (letters for the digits).
    password: `Zq!9${[...String(n)].map((d) => "pqrstuvwxy"[Number(d)]).join("")}#kT`,
  };
}

/** Writes rows as CSV (header from the first row's keys; no quoting needed for the test data). */
export function writeCsv(
  path: string,
  rows: readonly Record<string, string>[],
  columns?: readonly string[],
): void {
  const header = columns ?? Object.keys(rows[0] ?? {});
  writeFileSync(
    path,
    `${[header.join(","), ...rows.map((r) => header.map((h) => r[h] ?? "").join(","))].join("\n")}\n`,
  );
}

/** Writes rows as JSON Lines. */
export function writeJsonl(path: string, rows: readonly unknown[]): void {
  writeFileSync(path, rows.map((r) => `${JSON.stringify(r)}\n`).join(""));
}

/** Reads a JSON Lines file. */
export function readJsonl<T = Record<string, unknown>>(path: string): T[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as T);
}

/** Sign-in names (lower-cased) of the tenant's users, with how many users hold each. */
export function signInNames(emu: RunningEmulator, tenantId: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const user of emu.store.tenant(tenantId)?.collection("users").values() ?? []) {
    for (const identity of (user.identities ?? []) as { signInType?: string; issuerAssignedId?: string }[]) {
      if (identity.signInType === "emailAddress" || identity.signInType === "userName") {
        const key = String(identity.issuerAssignedId).toLowerCase();
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  return counts;
}

/** Write requests (POST/PATCH/PUT/DELETE, batch items included) the emulator served since the last counter reset. */
export function writeRequests(emu: RunningEmulator): number {
  return emu.control.monitor
    .requests()
    .filter(
      (r) =>
        r.service !== "login" &&
        ["POST", "PATCH", "PUT", "DELETE"].includes(r.method) &&
        !r.path.includes("$batch"),
    ).length;
}
