import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customer, type GraphClient, type GraphFixture, graphFixture } from "./helpers/graph.ts";

let fx: GraphFixture;
let g: GraphClient;
const EVENTUAL = { ConsistencyLevel: "eventual" };
const names = ["Zoe Adams", "ana lima", "Bruno Costa", "Carla Dias", "Ana Maria"];

beforeAll(async () => {
  fx = await graphFixture();
  g = fx.g;
  await fx.reset();
  for (const [i, displayName] of names.entries()) {
    await g.post("/users", customer(`q${i}@example.com`, { displayName, mail: `q${i}@query.example` }));
  }
});
afterAll(() => fx.t.emu.stop());

const displayNames = (body: { value: { displayName: string }[] }) => body.value.map((u) => u.displayName);

describe("query option errors on /users", () => {
  it.each([
    [
      "$top=0",
      {},
      "Request_BadRequest",
      "Invalid page size specified: '0'. Must be between 1 and 999 inclusive.",
    ],
    [
      "$top=1000",
      {},
      "Request_BadRequest",
      "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.",
    ],
    [
      "$top=ten",
      {},
      "Request_BadRequest",
      "Invalid page size specified: 'ten'. Must be between 1 and 999 inclusive.",
    ],
    ["$skip=5", {}, "Request_BadRequest", "'$skip' is not supported by the service."],
    [
      "$select=id,shoeSize",
      {},
      "Request_BadRequest",
      "Could not find a property named 'shoeSize' on type 'microsoft.graph.user'.",
    ],
    [
      "$count=true",
      {},
      "Request_UnsupportedQuery",
      "$count is not supported because the 'ConsistencyLevel:eventual' header is missing.",
    ],
    [
      '$search="displayName:ana"',
      {},
      "Request_UnsupportedQuery",
      "Request with $search query parameter only works through MSGraph",
    ],
    [
      "$filter=endswith(mail,'@example.com')",
      {},
      "Request_UnsupportedQuery",
      "Operator 'endsWith' is not supported because the 'ConsistencyLevel:eventual' header is missing.",
    ],
    [
      "$filter=endswith(mail,'@example.com')",
      EVENTUAL,
      "Request_UnsupportedQuery",
      "Operator 'endsWith' is not supported",
    ],
    [
      "$orderby=createdDateTime",
      {},
      "Request_UnsupportedQuery",
      "Sorting by 'createdDateTime' is not supported",
    ],
    ["$orderby=aboutMe", {}, "Request_UnsupportedQuery", "Sorting is not supported for property 'aboutMe'"],
    [
      "$filter=startswith(displayName,'a')&$orderby=displayName",
      {},
      "Request_UnsupportedQuery",
      "Sorting with $filter is not supported",
    ],
    [
      "$filter=aboutMe eq 'x'",
      {},
      "Request_UnsupportedQuery",
      "Unsupported or invalid query filter clause specified for property 'aboutMe' of resource 'User'.",
    ],
    ["$filter=displayName eq", {}, "Request_BadRequest", "Invalid filter clause"],
    ["$expand=manager", {}, "Request_BadRequest", "Could not find a property named 'manager'"],
    ["$apply=groupby((city))", {}, "Request_BadRequest", "Query option '$apply' is not supported."],
    ["$skiptoken=abc", {}, "Request_BadRequest", "The specified page token value has expired or is invalid."],
  ])("GET /users?%s → 400 %s", async (query, headers, code, message) => {
    const r = await g.get(`/users?${query}`, headers);
    expect(r.status).toBe(400);
    expect(r.error?.code).toBe(code);
    expect(r.error?.message).toContain(message);
  });
});

describe("query options that work on /users", () => {
  it("sorts by displayName, either way, case-insensitively", async () => {
    const r = await g.get(
      `/users?$filter=startswith(mail,'q')&$orderby=displayName desc&$count=true`,
      EVENTUAL,
    );
    expect(displayNames(r.body)).toEqual(["Zoe Adams", "Carla Dias", "Bruno Costa", "Ana Maria", "ana lima"]);
    const asc = await g.get("/users?$orderby=displayName&$select=displayName&$top=999");
    const mine = displayNames(asc.body).filter((n) => names.includes(n));
    expect(mine).toEqual(["ana lima", "Ana Maria", "Bruno Costa", "Carla Dias", "Zoe Adams"]);
  });

  it("runs advanced queries with ConsistencyLevel: eventual and $count=true", async () => {
    const r = await g.get(
      "/users?$filter=endswith(mail,'@query.example')&$count=true&$select=displayName",
      EVENTUAL,
    );
    expect(r.body["@odata.count"]).toBe(5);
    const search = await g.get('/users?$search="displayName:ana"&$count=true&$select=displayName', EVENTUAL);
    expect(displayNames(search.body).sort()).toEqual(["Ana Maria", "ana lima"]);
    const ne = await g.get(
      "/users?$filter=startswith(mail,'q') and displayName ne 'Zoe Adams'&$count=true",
      EVENTUAL,
    );
    expect(ne.body["@odata.count"]).toBe(4);
  });

  it("pages with $top and a nextLink that carries the query and refuses another query's token", async () => {
    const first = await g.get("/users?$filter=startswith(mail,'q')&$select=displayName&$top=2");
    expect(first.body.value).toHaveLength(2);
    const next = new URL(first.body["@odata.nextLink"]);
    expect(next.searchParams.get("$filter")).toBe("startswith(mail,'q')");
    expect(next.searchParams.get("$top")).toBe("2");
    const seen = [...displayNames(first.body)];
    let link: string | undefined = first.body["@odata.nextLink"];
    while (link !== undefined) {
      const page = await g.get(link);
      seen.push(...displayNames(page.body));
      link = page.body["@odata.nextLink"];
    }
    expect(seen.sort()).toEqual([...names].sort());
    const token = next.searchParams.get("$skiptoken") as string;
    const other = await g.get(`/users?$top=2&$skiptoken=${encodeURIComponent(token)}`);
    expect(other.status).toBe(400);
  });

  it.each([
    [
      "identities/any(c:c/issuerAssignedId eq 'Q1@example.com' and c/issuer eq 'contoso.onmicrosoft.com')",
      ["ana lima"],
    ],
    [
      "identities/any(c:c/issuerAssignedId eq 'q1@example.com' and c/issuer eq 'contoso.onmicrosoft.com') and displayName eq 'x'",
      [],
    ],
    [
      "identities/any(c:c/issuerAssignedId eq 'nobody@example.com' and c/issuer eq 'contoso.onmicrosoft.com')",
      [],
    ],
    [
      "startswith(displayName,'Zoe') and identities/any(c:c/issuerAssignedId eq 'q0@example.com' and c/issuer eq 'contoso.onmicrosoft.com')",
      ["Zoe Adams"],
    ],
  ])(
    "finds users by sign-in name through the index, the whole filter still applying: %s",
    async (filter, expected) => {
      const r = await g.get(`/users?$filter=${encodeURIComponent(filter)}&$select=displayName`);
      expect(displayNames(r.body)).toEqual(expected);
    },
  );

  it("finds a user by userPrincipalName and by id filters", async () => {
    const zoe = (await g.get("/users?$filter=displayName eq 'Zoe Adams'&$select=id,userPrincipalName")).body
      .value[0];
    const byUpn = await g.get(
      `/users?$filter=userPrincipalName eq '${zoe.userPrincipalName.toUpperCase()}'&$select=id`,
    );
    expect(byUpn.body.value).toEqual([{ id: zoe.id }]);
    const byId = await g.get(`/users?$filter=id eq '${zoe.id}'&$select=displayName`);
    expect(displayNames(byId.body)).toEqual(["Zoe Adams"]);
  });

  it("serves beta as well as v1.0", async () => {
    const r = await g.call(
      "GET",
      `${fx.t.emu.graphUrl}/beta/users?$filter=displayName eq 'zoe adams'&$select=displayName`,
    );
    expect(r.status).toBe(200);
    expect(r.body.value).toEqual([{ displayName: "Zoe Adams" }]);
    expect(r.body["@odata.context"]).toBe(`${fx.t.emu.graphUrl}/beta/$metadata#users(displayName)`);
  });
});
