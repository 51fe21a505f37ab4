import { describe, expect, it } from "vitest";
import { createCursorTable } from "../src/tools/cursor-table.ts";

describe("cursor table", () => {
  it("gives short ids that resolve to the cursor, for the same operation only", () => {
    const table = createCursorTable();
    const link = `https://graph.microsoft.com/v1.0/users?$skiptoken=${"x".repeat(280)}`;
    const id = table.shorten("user_list", link);
    expect(id.length).toBeLessThanOrEqual(10);
    expect(table.resolve("user_list", id)).toBe(link);
    expect(table.resolve("group_list", id)).toBeUndefined();
    expect(table.resolve("user_list", "c_unknown")).toBeUndefined();
  });

  it("forgets the least recently used cursor beyond its capacity", () => {
    const table = createCursorTable(2);
    const a = table.shorten("user_list", "a");
    const b = table.shorten("user_list", "b");
    expect(table.resolve("user_list", a)).toBe("a"); // a is now more recent than b
    const c = table.shorten("user_list", "c");
    expect(table.resolve("user_list", b)).toBeUndefined();
    expect(table.resolve("user_list", a)).toBe("a");
    expect(table.resolve("user_list", c)).toBe("c");
  });
});
