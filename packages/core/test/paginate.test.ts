import { describe, expect, it } from "vitest";
import { decodeCursor, listPage, paginate, paginatePages } from "../src/http/paginate.ts";
import { fakeClient, fakeTransport } from "./helpers/fake-transport.ts";

// 10 items in pages of 3 (the last one 1), plus an empty page in the middle as Graph may send.
function pagedService(nextKey: "@odata.nextLink" | "nextLink" = "@odata.nextLink") {
  const pages = [[0, 1, 2], [], [3, 4, 5], [6, 7, 8], [9]];
  return fakeTransport((req) => {
    const url = new URL(req.url);
    const page = Number(url.searchParams.get("page") ?? "0");
    const value = (pages[page] ?? []).map((n) => ({ id: `u${n}` }));
    const next = page + 1 < pages.length ? `${url.origin}${url.pathname}?page=${page + 1}` : undefined;
    return { status: 200, json: { value, ...(next ? { [nextKey]: next } : {}) } };
  });
}

describe("paginate", () => {
  it("follows @odata.nextLink verbatim through empty pages", async () => {
    const { send, seen } = pagedService();
    const ids: string[] = [];
    for await (const item of paginate<{ id: string }>(fakeClient(send), "/users", { query: { $top: 3 } }))
      ids.push(item.id);
    expect(ids).toEqual(["u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"]);
    expect(seen[0]?.url).toBe("https://graph.example/v1.0/users?$top=3");
    expect(seen[1]?.url).toBe("https://graph.example/v1.0/users?page=1");
  });
  it("follows ARM's nextLink", async () => {
    const { send } = pagedService("nextLink");
    const pages = [];
    for await (const page of paginatePages(fakeClient(send, "arm"), "/subscriptions/s/resources"))
      pages.push(page.items.length);
    expect(pages).toEqual([3, 0, 3, 3, 1]);
  });
  it("stops at the limit without reading further pages", async () => {
    const { send, seen } = pagedService();
    const ids: string[] = [];
    for await (const item of paginate<{ id: string }>(fakeClient(send), "/users", { limit: 4 }))
      ids.push(item.id);
    expect(ids).toEqual(["u0", "u1", "u2", "u3"]);
    expect(seen).toHaveLength(3);
  });
  it("re-sends headers such as ConsistencyLevel on every page", async () => {
    const { send, seen } = pagedService();
    for await (const _ of paginate(fakeClient(send), "/users", {
      headers: { ConsistencyLevel: "eventual" },
    })) {
      // drain
    }
    expect(seen.every((s) => s.headers.consistencylevel === "eventual")).toBe(true);
  });
  it("refuses a next link to another host", async () => {
    const { send } = fakeTransport(() => ({
      status: 200,
      json: { value: [1], "@odata.nextLink": "https://evil.example/steal" },
    }));
    const iterate = async () => {
      for await (const _ of paginate(fakeClient(send), "/users")) {
        // drain
      }
    };
    await expect(iterate()).rejects.toThrow(/outside https:\/\/graph.example/);
  });
});

describe("listPage cursor", () => {
  it("resumes exactly after the last item, even mid-page, until the end", async () => {
    const { send } = pagedService();
    const client = fakeClient(send);
    const seen: string[] = [];
    let cursor: string | undefined;
    let calls = 0;
    do {
      const result = await listPage<{ id: string }>(client, "/users", { limit: 4, cursor });
      seen.push(...result.items.map((i) => i.id));
      cursor = result.nextCursor;
      calls++;
    } while (cursor !== undefined && calls < 10);
    expect(seen).toEqual(["u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"]);
    expect(calls).toBe(3);
  });
  it("rejects a cursor it did not make", async () => {
    expect(() => decodeCursor("not-a-cursor")).toThrow(/cursor/);
    const { send, seen } = pagedService();
    await expect(listPage(fakeClient(send), "/users", { limit: 1, cursor: "bogus" })).rejects.toThrow(
      /cursor/,
    );
    expect(seen).toHaveLength(0);
  });
});
