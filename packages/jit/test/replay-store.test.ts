import { describe, expect, it } from "vitest";
import { memoryReplayStore } from "../src/index.ts";

describe("memoryReplayStore", () => {
  it("refuses a key until it expires, then takes it again", () => {
    let now = 1_000;
    const store = memoryReplayStore({ now: () => now });
    expect(store.add("token:a", 2_000)).toBe(true);
    expect(store.add("token:a", 2_000)).toBe(false);
    expect(store.add("nonce:a", 2_000)).toBe(true);
    now = 2_000;
    expect(store.add("token:a", 3_000)).toBe(true);
    expect(store.add("token:a", 3_000)).toBe(false);
  });

  it("keeps at most maxEntries keys, forgetting the oldest first", () => {
    const store = memoryReplayStore({ maxEntries: 3, now: () => 0 });
    for (const key of ["a", "b", "c", "d"]) expect(store.add(key, 10)).toBe(true);
    expect(store.add("d", 10)).toBe(false);
    expect(store.add("c", 10)).toBe(false);
    expect(store.add("a", 10)).toBe(true);
  });
});
