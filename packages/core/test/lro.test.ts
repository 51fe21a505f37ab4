import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LroProgress } from "../src/http/lro.ts";
import { beginLongRunning, resumeLongRunning } from "../src/http/lro.ts";
import { fakeClient, fakeTransport } from "./helpers/fake-transport.ts";

const RESOURCE =
  "/subscriptions/s/resourceGroups/rg/providers/Microsoft.AzureActiveDirectory/ciamDirectories/t?api-version=2023-05-17-preview";

describe("ARM long-running operations", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function asyncOperationService(statuses: string[]) {
    let polls = 0;
    return fakeTransport((req) => {
      if (req.method === "PUT") {
        return {
          status: 201,
          headers: { "azure-asyncoperation": "https://arm.example/operations/op1", "retry-after": "2" },
          json: { properties: { provisioningState: "Provisioning" } },
        };
      }
      if (req.url.endsWith("/operations/op1")) {
        const status = statuses[Math.min(polls++, statuses.length - 1)];
        return {
          status: 200,
          headers: { "retry-after": "3" },
          json:
            status === "Failed"
              ? { status, error: { code: "QuotaExceeded", message: "too many tenants" } }
              : { status },
        };
      }
      return { status: 200, json: { name: "t", properties: { provisioningState: "Succeeded" } } };
    });
  }

  it("follows Azure-AsyncOperation with Retry-After, reports progress, then reads the resource", async () => {
    const { send, seen } = asyncOperationService(["InProgress", "Succeeded"]);
    const progress: LroProgress[] = [];
    const done = beginLongRunning<{ name: string }>(
      fakeClient(send, "arm"),
      "PUT",
      RESOURCE,
      { location: "United States" },
      { onProgress: (p) => progress.push(p) },
    );
    await vi.advanceTimersByTimeAsync(1999);
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(3000);
    expect(await done).toEqual({ name: "t", properties: { provisioningState: "Succeeded" } });
    expect(progress.map((p) => p.status)).toEqual(["Accepted", "InProgress", "Succeeded"]);
    expect(seen.map((s) => s.method)).toEqual(["PUT", "GET", "GET", "GET"]);
  });

  it("throws the operation's error when it fails", async () => {
    const { send } = asyncOperationService(["Failed"]);
    const done = beginLongRunning(fakeClient(send, "arm"), "PUT", RESOURCE, {});
    const assertion = expect(done).rejects.toMatchObject({ code: "QuotaExceeded", service: "arm" });
    await vi.advanceTimersByTimeAsync(5000);
    await assertion;
  });

  it("resumes from a token in another call", async () => {
    const { send, seen } = asyncOperationService(["InProgress", "InProgress", "Succeeded"]);
    const client = fakeClient(send, "arm");
    const controller = new AbortController();
    let token = "";
    const first = beginLongRunning(
      client,
      "PUT",
      RESOURCE,
      {},
      { signal: controller.signal, onProgress: (p) => (token = p.resumeToken) },
    );
    const stopped = expect(first).rejects.toThrow("stopped");
    await vi.advanceTimersByTimeAsync(2000);
    controller.abort(new Error("stopped"));
    await stopped;
    const before = seen.length;
    const resumed = resumeLongRunning<{ name: string }>(client, token, { intervalMs: 1 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await resumed).name).toBe("t");
    expect(seen.slice(before).every((s) => s.method === "GET")).toBe(true);
  });

  it("follows Location until it stops answering 202 (delete)", async () => {
    let polls = 0;
    const { send, seen } = fakeTransport((req) => {
      if (req.method === "DELETE")
        return {
          status: 202,
          headers: { location: "https://arm.example/operationResults/x", "retry-after": "1" },
        };
      return polls++ < 2 ? { status: 202, headers: { "retry-after": "1" } } : { status: 204 };
    });
    const done = beginLongRunning(fakeClient(send, "arm"), "DELETE", RESOURCE, undefined);
    await vi.advanceTimersByTimeAsync(5000);
    expect(await done).toBeUndefined();
    expect(seen).toHaveLength(4);
  });

  it("returns a synchronous answer directly", async () => {
    const { send, seen } = fakeTransport(() => ({ status: 200, json: { name: "t" } }));
    expect(await beginLongRunning(fakeClient(send, "arm"), "PATCH", RESOURCE, { tags: {} })).toEqual({
      name: "t",
    });
    expect(seen).toHaveLength(1);
  });

  it("rejects a token it did not make", async () => {
    const { send } = fakeTransport(() => ({ status: 200 }));
    await expect(resumeLongRunning(fakeClient(send, "arm"), "garbage")).rejects.toThrow(/resume token/);
  });
});
