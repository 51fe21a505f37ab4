import { randomUUID } from "node:crypto";
import { GraphError, type GraphRoute } from "../../src/graph/route.ts";
import type { JsonObject } from "../../src/store/json.ts";

/**
 * Small Graph routes for testing the front door on its own, independent of the resource routes:
 * users by id, list and create, a beta-only path, a path needing a permission nobody holds, and an
 * open echo.
 */
export const testRoutes: GraphRoute[] = [
  {
    method: "GET",
    path: "/users/{id}",
    permissions: ["User.Read.All"],
    directory: true,
    handle(req, params) {
      const user = req.tenant.collection("users").get(params.id ?? "");
      if (user === undefined) {
        throw new GraphError(404, "Request_ResourceNotFound", `Resource '${params.id}' does not exist.`);
      }
      return {
        status: 200,
        body: { "@odata.context": `${req.baseUrl}/v1.0/$metadata#users/$entity`, ...user },
      };
    },
  },
  {
    method: "GET",
    path: "/users",
    permissions: ["User.Read.All"],
    directory: true,
    cost: 2,
    handle(req) {
      return { status: 200, body: { value: [...req.tenant.collection("users").values()].slice(0, 5) } };
    },
  },
  {
    method: "POST",
    path: "/users",
    permissions: ["User.ReadWrite.All"],
    directory: true,
    handle(req) {
      const body = req.body as JsonObject | undefined;
      if (typeof body?.displayName !== "string") {
        throw new GraphError(400, "Request_BadRequest", "Property displayName is required.");
      }
      const id = randomUUID();
      const user: JsonObject = {
        id,
        displayName: body.displayName,
        userPrincipalName: `${id}@contoso.onmicrosoft.com`,
      };
      req.tenant.collection("users").put(id, user);
      return { status: 201, headers: { location: `${req.baseUrl}/v1.0/users/${id}` }, body: user };
    },
  },
  {
    method: "GET",
    path: "/trustFramework/policies",
    versions: ["beta"],
    permissions: ["Policy.Read.All", "Policy.ReadWrite.TrustFramework"],
    handle: () => ({ status: 200, body: { value: [] } }),
  },
  {
    method: "GET",
    // A permission the demo app does not hold (it now manages Conditional Access and custom domains).
    path: "/directoryRoles",
    permissions: ["RoleManagement.Read.Directory", "Directory.Read.All"],
    handle: () => ({ status: 200, body: { value: [] } }),
  },
  {
    method: "POST",
    path: "/echo",
    permissions: [],
    handle: (req) => ({ status: 200, body: { received: (req.body ?? null) as JsonObject, path: req.path } }),
  },
];
