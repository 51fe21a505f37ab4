import { describe, expect, it } from "vitest";
import { type GraphRoute, matchRoute } from "../src/graph/route.ts";

const route = (method: GraphRoute["method"], path: string): GraphRoute => ({
  method,
  path,
  permissions: [],
  handle: () => ({ status: 204 }),
});

const routes = [
  route("GET", "/users"),
  route("GET", "/users/{id}"),
  route("GET", "/users/delta"),
  route("PATCH", "/users/{id}"),
  route("POST", "/groups/{id}/members/$ref"),
];

describe("matchRoute", () => {
  it.each([
    ["GET", "/users", "/users", {}],
    ["GET", "/Users/abc", "/users/{id}", { id: "abc" }],
    ["GET", "/users/delta", "/users/delta", {}],
    ["GET", "/users/a%40b.com", "/users/{id}", { id: "a@b.com" }],
    ["POST", "/groups/g1/members/$ref", "/groups/{id}/members/$ref", { id: "g1" }],
  ])("%s %s -> %s", (method, path, template, params) => {
    const { match } = matchRoute(routes, method, path);
    expect(match?.route.path).toBe(template);
    expect(match?.params).toEqual(params);
  });

  it("reports the methods a path allows when the method does not match", () => {
    const { match, allowed } = matchRoute(routes, "DELETE", "/users/abc");
    expect(match).toBeUndefined();
    expect(allowed.sort()).toEqual(["GET", "PATCH"]);
  });

  it("matches nothing for an unknown path", () => {
    expect(matchRoute(routes, "GET", "/nothing/here")).toEqual({ match: undefined, allowed: [] });
  });
});

describe("matchRoute with key segments", () => {
  const keyed = [route("GET", "/applications/{id}"), route("GET", "/applications(appId='{appId}')/owners")];
  it.each([
    ["/applications(appId='abc-1')/owners", "/applications(appId='{appId}')/owners", { appId: "abc-1" }],
    ["/Applications(AppId='abc-1')/owners", "/applications(appId='{appId}')/owners", { appId: "abc-1" }],
    ["/applications/abc", "/applications/{id}", { id: "abc" }],
  ])("%s -> %s", (path, template, params) => {
    const { match } = matchRoute(keyed, "GET", path);
    expect(match?.route.path).toBe(template);
    expect(match?.params).toEqual(params);
  });

  it("does not match a key segment with other text", () => {
    expect(matchRoute(keyed, "GET", "/applications(id='abc')/owners").match).toBeUndefined();
  });
});
