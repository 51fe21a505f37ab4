import { describe, expect, it } from "vitest";
import { lroResumeToken } from "../src/http/lro.ts";
import { longRunningStatus } from "../src/http/lro-status.ts";
import type { PipelineRequest } from "../src/http/pipeline.ts";
import { type Canned, fakeClient, fakeTransport, respond } from "./helpers/fake-transport.ts";

const RESOURCE = "https://arm.example/subscriptions/s/resourceGroups/rg/providers/P/t/x?api-version=1";

/** A resume token as a first response with these headers would give. */
function tokenFor(method: "PUT" | "DELETE", status: number, headers: Record<string, string>): string {
  const req: PipelineRequest = { method, url: RESOURCE, headers: new Headers(), service: "arm" };
  const token = lroResumeToken(respond(req, { status, headers }));
  if (token === undefined) throw new Error("no token");
  return token;
}

describe("longRunningStatus", () => {
  it.each<[string, Canned, { status: string; done: boolean }]>([
    [
      "running",
      { status: 200, headers: { "retry-after": "5" }, json: { status: "InProgress" } },
      { status: "InProgress", done: false },
    ],
    ["succeeded", { status: 200, json: { status: "Succeeded" } }, { status: "Succeeded", done: true }],
    [
      "failed",
      { status: 200, json: { status: "Failed", error: { code: "Quota", message: "no more" } } },
      { status: "Failed", done: true },
    ],
    ["canceled", { status: 200, json: { status: "Canceled" } }, { status: "Canceled", done: true }],
  ])("reads an Azure-AsyncOperation status: %s", async (_name, canned, expected) => {
    const { send, seen } = fakeTransport(() => canned);
    const token = tokenFor("PUT", 201, { "azure-asyncoperation": "https://arm.example/ops/1" });
    const status = await longRunningStatus(fakeClient(send, "arm"), token);
    expect(status).toMatchObject(expected);
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual(["GET https://arm.example/ops/1"]);
    if (canned.headers?.["retry-after"] !== undefined) expect(status.retryAfterMs).toBe(5000);
    if (expected.status === "Failed") expect(status.error).toEqual({ code: "Quota", message: "no more" });
  });

  it("reads a Location poll: 202 is running, anything else done", async () => {
    const token = tokenFor("DELETE", 202, { location: "https://arm.example/results/1" });
    const running = fakeTransport(() => ({ status: 202, headers: { "retry-after": "2" } }));
    expect(await longRunningStatus(fakeClient(running.send, "arm"), token)).toMatchObject({
      status: "InProgress",
      done: false,
      retryAfterMs: 2000,
    });
    const finished = fakeTransport(() => ({ status: 204 }));
    expect(await longRunningStatus(fakeClient(finished.send, "arm"), token)).toMatchObject({
      status: "Succeeded",
      done: true,
    });
  });

  it("throws the service's error for a failed poll, and a clear error for a foreign token", async () => {
    const token = tokenFor("PUT", 201, { "azure-asyncoperation": "https://arm.example/ops/1" });
    const gone = fakeTransport(() => ({
      status: 404,
      json: { error: { code: "OperationNotFound", message: "gone" } },
    }));
    await expect(longRunningStatus(fakeClient(gone.send, "arm"), token)).rejects.toMatchObject({
      code: "OperationNotFound",
    });
    const none = fakeTransport(() => ({ status: 200 }));
    await expect(longRunningStatus(fakeClient(none.send, "arm"), "not-a-token")).rejects.toThrow(
      "Not a resume token",
    );
    expect(none.seen).toHaveLength(0);
  });
});
