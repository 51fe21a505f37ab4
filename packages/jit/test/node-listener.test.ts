import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { toNodeListener } from "../src/index.ts";

describe("toNodeListener", () => {
  it("hands node:http requests to a fetch-API handler and writes its response back", async () => {
    const server = createServer(
      toNodeListener(async (request) =>
        Response.json(
          {
            method: request.method,
            url: request.url,
            header: request.headers.get("x-probe"),
            body: await request.text(),
          },
          { status: 201, headers: { "x-answer": "yes" } },
        ),
      ),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/jit?x=1`, {
        method: "POST",
        headers: { "x-probe": "p" },
        body: "hello",
      });
      expect(response.status).toBe(201);
      expect(response.headers.get("x-answer")).toBe("yes");
      expect(await response.json()).toEqual({
        method: "POST",
        url: `http://127.0.0.1:${port}/api/jit?x=1`,
        header: "p",
        body: "hello",
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("answers 500 with no body when the handler throws", async () => {
    const server = createServer(
      toNodeListener(async () => {
        throw new Error("boom");
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expect(response.status).toBe(500);
      expect(await response.text()).toBe("");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
