import { request } from "node:https";
import type { RunningEmulator, Snapshot } from "@ciamkit/emulator";

/** The emulator's state, read over its HTTPS control API (`GET /_emulator/snapshot` with the key), as a test verifier does. */
export function snapshotOverHttp(emulator: RunningEmulator): Promise<Snapshot> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${emulator.controlUrl}/snapshot`,
      { ca: emulator.caCertPem, headers: { "x-emulator-key": emulator.controlKey } },
      (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () =>
          res.statusCode === 200
            ? resolve(JSON.parse(body) as Snapshot)
            : reject(new Error(`control API answered ${res.statusCode}: ${body}`)),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** The records of one collection of a tenant in a snapshot. */
export function records(snapshot: Snapshot, tenantId: string, collection: string): Record<string, unknown>[] {
  const tenant = snapshot.tenants.find((t) => t.info.id === tenantId);
  return (tenant?.collections[collection] ?? []).map(([, record]) => record);
}
