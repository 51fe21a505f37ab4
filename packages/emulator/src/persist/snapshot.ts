import { z } from "zod";
import type { JsonObject } from "../store/json.ts";
import type { Store, TenantInfo } from "../store/store.ts";

/** Identifies the snapshot format; `version` changes when its layout does. */
export const SNAPSHOT_FORMAT = "ciamkit-emulator-snapshot";
/** Version of the snapshot layout this emulator writes and reads. */
export const SNAPSHOT_VERSION = 1;

/** A tenant's identity, as snapshots and journal lines carry it. */
export const TenantInfoSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(["external", "workforce", "b2c"]),
  displayName: z.string(),
  subdomain: z.string().min(1),
  defaultDomain: z.string().min(1),
  createdDateTime: z.string(),
});

const RecordSchema = z.record(z.string(), z.unknown());

/** A whole-store snapshot, as the control API hands it out and takes it back. */
export const SnapshotSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION, {
    error: `this emulator reads snapshot version ${SNAPSHOT_VERSION} only`,
  }),
  createdAt: z.string(),
  tenants: z.array(
    z.object({
      info: TenantInfoSchema,
      collections: z.record(z.string(), z.array(z.tuple([z.string(), RecordSchema]))),
    }),
  ),
});
/** A validated snapshot. */
export type Snapshot = z.infer<typeof SnapshotSchema>;

/** Copies the store into a snapshot (records are shared, not cloned: the store never mutates them). */
export function takeSnapshot(store: Store, now: Date): Snapshot {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    createdAt: now.toISOString(),
    tenants: [...store.tenants()].map((tenant) => ({
      info: tenant.info,
      collections: Object.fromEntries(
        tenant.collectionNames().map((name) => [name, [...tenant.collection(name).entries()]]),
      ),
    })),
  };
}

/** Replaces the store's content with a snapshot, without reporting changes; validates first. */
export function restoreSnapshot(store: Store, input: unknown): void {
  const snapshot = SnapshotSchema.parse(input);
  store.clear();
  for (const tenant of snapshot.tenants) {
    store.apply({ op: "putTenant", tenant: tenant.info as TenantInfo });
    const state = store.tenant(tenant.info.id);
    if (state === undefined) continue;
    for (const [name, records] of Object.entries(tenant.collections)) {
      const collection = state.collection(name);
      for (const [id, value] of records) collection.load(id, value as JsonObject);
    }
  }
}
