/**
 * The public DNS the emulator's domain verification looks at: TXT records a test (or a person trying
 * ciamkit against `--emulator`) publishes through the control API, since the emulator never asks the
 * real DNS. Kept beside the store, in memory, like device codes: a restart or a reset forgets it.
 */
import type { Store } from "../store/store.ts";

/** `any`: the name publishes whatever verification record Entra asks for. */
type Published = readonly string[] | "any";

const zones = new WeakMap<Store, Map<string, Published>>();

function zoneOf(store: Store): Map<string, Published> {
  let zone = zones.get(store);
  if (zone === undefined) {
    zone = new Map();
    zones.set(store, zone);
  }
  return zone;
}

/** Publishes TXT `values` at `name` (all of them replace what it had), or every record asked for. */
export function publishDnsTxt(store: Store, name: string, values?: readonly string[]): void {
  zoneOf(store).set(name.toLowerCase(), values === undefined ? "any" : [...values]);
}

/** Removes `name`'s TXT records. */
export function unpublishDnsTxt(store: Store, name: string): void {
  zoneOf(store).delete(name.toLowerCase());
}

/** Forgets every published record (a reset). */
export function clearDns(store: Store): void {
  zoneOf(store).clear();
}

/** Whether `name` publishes the TXT record `text`. */
export function hasDnsTxt(store: Store, name: string, text: string): boolean {
  const published = zoneOf(store).get(name.toLowerCase());
  return published === "any" || (published?.includes(text) ?? false);
}
