import { describe, expect, it } from "vitest";
import { graphErrorBody } from "../src/index.ts";

describe("graphErrorBody", () => {
  it("has Graph's envelope with the request ids and a zone-less date", () => {
    const body = graphErrorBody(
      "Request_ResourceNotFound",
      "Resource 'x' does not exist.",
      "req-1",
      "client-1",
      new Date("2026-02-13T10:17:06.123Z"),
    );
    expect(body).toEqual({
      error: {
        code: "Request_ResourceNotFound",
        message: "Resource 'x' does not exist.",
        innerError: { date: "2026-02-13T10:17:06", "request-id": "req-1", "client-request-id": "client-1" },
      },
    });
  });

  it("omits client-request-id when the client sent none", () => {
    const body = graphErrorBody("Request_BadRequest", "bad", "req-2");
    expect(body.error.innerError).not.toHaveProperty("client-request-id");
  });
});
