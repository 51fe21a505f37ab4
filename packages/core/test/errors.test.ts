import { describe, expect, it, vi } from "vitest";
import { parseErrorBody } from "../src/http/error-body.ts";
import {
  ApiError,
  AuthenticationError,
  ConflictError,
  errorFromResponse,
  isApiError,
  NotFoundError,
  PermissionError,
  ThrottledError,
  ValidationError,
  withRequiredPermissions,
} from "../src/http/errors.ts";
import { request, respond } from "./helpers/fake-transport.ts";

describe("parseErrorBody", () => {
  it.each([
    [
      "Graph envelope with innerError",
      {
        error: {
          code: "Request_ResourceNotFound",
          message: "gone",
          innerError: { "request-id": "r1", date: "2026-01-01T00:00:00", "client-request-id": "c1" },
        },
      },
      {
        code: "Request_ResourceNotFound",
        message: "gone",
        requestId: "r1",
        clientRequestId: "c1",
        date: "2026-01-01T00:00:00",
      },
    ],
    [
      "Graph envelope with innererror and nesting",
      { error: { code: "x", message: "m", innererror: { innerError: { "request-id": "deep" } } } },
      { code: "x", requestId: "deep" },
    ],
    [
      "ARM envelope with details",
      {
        error: {
          code: "AuthorizationFailed",
          message: "no",
          details: [{ code: "Inner", message: "why", target: "t" }],
        },
      },
      { code: "AuthorizationFailed", details: [{ code: "Inner", message: "why", target: "t" }] },
    ],
    [
      "AADSTS body",
      {
        error: "invalid_client",
        error_description: "AADSTS7000215: Invalid client secret provided.",
        trace_id: "tr",
        correlation_id: "co",
        timestamp: "ts",
      },
      {
        code: "invalid_client",
        message: "AADSTS7000215: Invalid client secret provided.",
        requestId: "tr",
        clientRequestId: "co",
        date: "ts",
      },
    ],
    ["not JSON", undefined, { code: undefined, message: undefined }],
  ])("%s", (_name, body, expected) => {
    expect(parseErrorBody(body)).toMatchObject(expected);
  });
});

describe("errorFromResponse", () => {
  const graphError = (code: string, message = "msg", details?: unknown[]) => ({
    error: { code, message, ...(details ? { details } : {}) },
  });
  it.each([
    [429, graphError("TooManyRequests"), {}, ThrottledError],
    [503, graphError("serviceNotAvailable"), { "retry-after": "3" }, ThrottledError],
    [503, graphError("serviceNotAvailable"), {}, ApiError],
    [401, graphError("InvalidAuthenticationToken"), {}, AuthenticationError],
    [403, graphError("Authorization_RequestDenied"), {}, PermissionError],
    [404, graphError("Request_ResourceNotFound"), {}, NotFoundError],
    [409, graphError("Request_MultipleObjectsWithSameKeyValue"), {}, ConflictError],
    [
      400,
      graphError("Request_BadRequest", "dup", [
        { code: "ObjectConflict", message: "", target: "userPrincipalName" },
      ]),
      {},
      ConflictError,
    ],
    [400, graphError("Request_BadRequest"), {}, ValidationError],
    [500, graphError("generalException"), {}, ApiError],
  ] as const)("HTTP %i %j -> %o", (status, body, headers, Class) => {
    const error = errorFromResponse(respond(request(), { status, json: body, headers }));
    expect(error).toBeInstanceOf(Class);
    expect(error.constructor).toBe(Class);
    expect(isApiError(error)).toBe(true);
    expect(error.status).toBe(status);
  });

  it("carries ids, date, retry-after and a redacted request; toJSON is plain and safe", () => {
    const req = request({ method: "POST", url: "https://login.example/t/token?client_secret=S3CRET&x=1" });
    req.headers.set("client-request-id", "mine");
    const error = errorFromResponse(
      respond(req, {
        status: 429,
        headers: { "retry-after": "4", "request-id": "hdr-rid", date: "Thu, 01 Jan 2026 00:00:00 GMT" },
        json: { error: { code: "TooManyRequests", message: "slow" } },
      }),
    );
    expect(error).toMatchObject({
      code: "TooManyRequests",
      requestId: "hdr-rid",
      clientRequestId: "mine",
      retryAfterMs: 4000,
      service: "graph",
    });
    expect(error.request?.url).toContain("client_secret=REDACTED");
    expect(error.message).toMatch(/slow.*Wait/);
    // Callers with their own next step (the MCP server) read the service's words alone.
    expect(error.serviceMessage).toBe("slow");
    const json = JSON.stringify(error);
    expect(json).not.toContain("S3CRET");
    expect(JSON.parse(json)).toMatchObject({ name: "ThrottledError", status: 429, code: "TooManyRequests" });
  });

  it("a permission error names the permission and how to grant it", () => {
    const error = errorFromResponse(
      respond(request(), {
        status: 403,
        json: {
          error: {
            code: "Authorization_RequestDenied",
            message: "Insufficient privileges to complete the operation.",
          },
        },
      }),
      { requiredPermissions: ["User.ReadWrite.All"] },
    );
    expect(error).toBeInstanceOf(PermissionError);
    expect(error.message).toContain("Insufficient privileges");
    expect(error.message).toContain("User.ReadWrite.All");
    expect(error.message).toContain("ciam app grant --permission User.ReadWrite.All");
    expect((error as PermissionError).requiredPermissions).toEqual(["User.ReadWrite.All"]);
    expect(error.serviceMessage).toBe("Insufficient privileges to complete the operation.");
  });

  it("withRequiredPermissions adds the operation's permissions to a bare 403", () => {
    const bare = errorFromResponse(
      respond(request(), {
        status: 403,
        json: { error: { code: "Authorization_RequestDenied", message: "Denied." } },
      }),
    ) as PermissionError;
    expect(bare.message).toContain("API permissions page");
    const named = withRequiredPermissions(bare, ["Group.ReadWrite.All"]);
    expect(named.message).toContain("needs the application permission Group.ReadWrite.All");
    expect(named.toJSON()).toMatchObject({
      requiredPermissions: ["Group.ReadWrite.All"],
      code: "Authorization_RequestDenied",
    });
  });

  it("redacts tokens echoed in a service message", () => {
    const error = errorFromResponse(
      respond(request(), {
        status: 400,
        json: { error: { code: "x", message: "bad token eyJhbGciOiJIUzI1.eyJzdWIiOiIx.abc given" } },
      }),
    );
    expect(error.message).not.toContain("eyJhbGciOiJIUzI1");
  });
});

describe("the advice of a 403", () => {
  const notB2c =
    "'contoso.onmicrosoft.com' is not an Azure AD B2C directory. Access to this Api can only be made for an Azure AD B2C directory.";
  // The trust framework answers a tenant of the wrong kind with a 403 that no grant fixes.
  it.each([
    ["AADB2C", notB2c, "wrong-tenant-kind"],
    [
      "AADB2C",
      "The application does not have any of the required application permissions (Policy.Read.All) to access the resource.",
      "missing-permission",
    ],
    [
      "Authorization_RequestDenied",
      "Insufficient privileges to complete the operation.",
      "missing-permission",
    ],
    ["Authorization_RequestDenied", notB2c, "missing-permission"],
  ] as const)("%s %j is %s", (code, message, reason) => {
    const error = withRequiredPermissions(
      errorFromResponse(
        respond(request(), { status: 403, json: { error: { code, message } } }),
      ) as PermissionError,
      ["Policy.Read.All"],
    );
    expect(error.reason).toBe(reason);
    expect(error.toJSON()).toMatchObject({ reason, requiredPermissions: ["Policy.Read.All"] });
    expect(error.message.startsWith(message)).toBe(true);
    if (reason === "wrong-tenant-kind") {
      expect(error.message).toContain("The cause is the tenant's kind, not a permission");
      expect(error.message).not.toContain("ciam app grant");
    } else {
      expect(error.message).toContain("grant it with `ciam app grant --permission Policy.Read.All`");
    }
  });
});

describe("isApiError", () => {
  const init = { service: "graph", status: 404, code: "Request_ResourceNotFound", message: "gone" } as const;

  it("recognises an error thrown by another copy of @ciamkit/core by its name and fields", async () => {
    // A second copy of the module, as two installed versions of core give: its classes are others.
    vi.resetModules();
    const other = await import("../src/http/errors.ts");
    const foreign = new other.NotFoundError(init);
    expect(foreign).not.toBeInstanceOf(ApiError);
    expect(isApiError(foreign)).toBe(true);
    expect(isApiError(new other.ConnectionError({ ...init, status: 0, requestMayHaveBeenSent: false }))).toBe(
      true,
    );
  });

  it("recognises an object that is no Error instance but has the name and fields", () => {
    expect(isApiError({ name: "ThrottledError", ...init, status: 429, retryAfterMs: 1000 })).toBe(true);
    expect(isApiError(JSON.parse(JSON.stringify(new PermissionError({ ...init, status: 403 }))))).toBe(true);
  });

  it("takes nothing else for one: another name, or the name without the fields", () => {
    expect(isApiError(new Error("gone"))).toBe(false);
    expect(isApiError({ ...init, name: "TypeError" })).toBe(false);
    expect(isApiError({ name: "NotFoundError", message: "gone" })).toBe(false);
    expect(isApiError({ ...init, name: "NotFoundError", status: "404" })).toBe(false);
    expect(isApiError("NotFoundError")).toBe(false);
    expect(isApiError(null)).toBe(false);
  });
});
