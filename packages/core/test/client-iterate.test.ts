import { describe, expect, it } from "vitest";
import { getGroupOperation } from "../src/graph/groups/get-group.ts";
import { listUsersOperation } from "../src/graph/users/list-users.ts";
import type { User } from "../src/graph/users/user-schema.ts";
import type { Operation } from "../src/operations/define-operation.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";

const { t, client } = useCoreEmulator();

const graphRequests = () => t.emu.control.monitor.counters().byService.graph ?? 0;

describe("client.iterate over a list operation", () => {
  it("yields every item across pages, following nextCursor, one page per request", async () => {
    const all = (await client.run(listUsersOperation, { limit: 1000 })).items;
    expect(all.length).toBeGreaterThanOrEqual(4);
    const before = graphRequests();
    const users: User[] = [];
    for await (const user of client.iterate(listUsersOperation, {}, { pageSize: 1 })) users.push(user);
    expect(users.map((u) => u.id)).toEqual(all.map((u) => u.id));
    expect(users.map((u) => u.displayName)).toContain("Ada Lovelace");
    // One request per page of one (the last page has no next link).
    expect(graphRequests() - before).toBe(all.length);
  });

  it("passes the filters to every page", async () => {
    const filter = { displayNameStartsWith: "A" };
    const expected = (await client.run(listUsersOperation, { ...filter, limit: 1000 })).items.map(
      (u) => u.id,
    );
    expect(expected.length).toBeGreaterThanOrEqual(2); // Ada Lovelace, Alan Turing: two pages of one
    const ids: string[] = [];
    for await (const user of client.iterate(listUsersOperation, filter, { pageSize: 1 })) ids.push(user.id);
    expect(ids).toEqual(expected);
  });

  it("starts from a cursor of an earlier page", async () => {
    const first = await client.run(listUsersOperation, { limit: 2 });
    const all = (await client.run(listUsersOperation, { limit: 1000 })).items.map((u) => u.id);
    const rest: string[] = [];
    for await (const user of client.iterate(
      listUsersOperation,
      { cursor: String(first.nextCursor) },
      { pageSize: 2 },
    )) {
      rest.push(user.id);
    }
    expect(rest).toEqual(all.slice(2));
  });

  it("limit is the most items yielded in all, as for every list; pageSize only sets the requests", async () => {
    const all = (await client.run(listUsersOperation, { limit: 1000 })).items.map((u) => u.id);
    expect(all.length).toBeGreaterThanOrEqual(4);
    const collect = async (limit: number, pageSize?: number) => {
      const before = graphRequests();
      const ids: string[] = [];
      const options = pageSize === undefined ? {} : { pageSize };
      for await (const user of client.iterate(listUsersOperation, { limit }, options)) ids.push(user.id);
      return { ids, requests: graphRequests() - before };
    };
    expect(await collect(3)).toEqual({ ids: all.slice(0, 3), requests: 1 });
    expect(await collect(3, 2)).toEqual({ ids: all.slice(0, 3), requests: 2 });
    expect(await collect(1000)).toEqual({ ids: all, requests: 1 });
  });

  it("stops when the signal aborts: the next page is not read", async () => {
    const abort = new AbortController();
    const seen: string[] = [];
    const before = graphRequests();
    const reading = (async () => {
      for await (const user of client.iterate(
        listUsersOperation,
        {},
        { pageSize: 1, signal: abort.signal },
      )) {
        seen.push(user.id);
        abort.abort(new Error("enough users"));
      }
    })();
    await expect(reading).rejects.toThrow("enough users");
    expect(seen).toHaveLength(1);
    expect(graphRequests() - before).toBe(1);
  });

  it("refuses bad input before the first page, and an operation that is not a list", async () => {
    const before = graphRequests();
    // An untyped caller (JavaScript, a front end) gets the run-time check.
    const untyped = client.iterate(listUsersOperation as Operation, { limit: "x" } as never);
    await expect(untyped.next()).rejects.toBeInstanceOf(InvalidInputError);
    await expect(client.iterate(getGroupOperation as Operation, { id: "g" } as never).next()).rejects.toThrow(
      "group_get returns no pages: iterate takes a list operation",
    );
    expect(graphRequests()).toBe(before);
  });
});
