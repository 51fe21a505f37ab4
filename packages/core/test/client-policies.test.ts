import { afterEach, describe, expect, it } from "vitest";
import { createCiamClient } from "../src/client.ts";
import { listApplicationsOperation } from "../src/graph/applications/list-applications.ts";
import type { PipelinePolicy } from "../src/http/pipeline.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";

const { t } = useCoreEmulator();
afterEach(() => t.control("DELETE", "/faults"));

/** What an added policy saw of each request it handled, and the status that came back. */
interface Seen {
  tag: string | null;
  clientRequestId: string | null;
  authorized: boolean;
  status: number;
}

function recorder(name: string, tag?: string): { policy: PipelinePolicy; seen: Seen[] } {
  const seen: Seen[] = [];
  return {
    seen,
    policy: {
      name,
      async sendRequest(request, next) {
        if (tag !== undefined) request.headers.set("x-contoso-tag", tag);
        const entry = {
          tag: request.headers.get("x-contoso-tag"),
          clientRequestId: request.headers.get("client-request-id"),
          authorized: request.headers.has("authorization"),
        };
        const response = await next(request);
        seen.push({ ...entry, status: response.status });
        return response;
      },
    },
  };
}

describe("createCiamClient({ policies })", () => {
  it("runs a perCall policy once per call and a perRetry policy on every attempt, as it is sent", async () => {
    const perCall = recorder("contoso-tag", "checkout");
    const perRetry = recorder("contoso-attempts");
    const client = t.client({
      policies: [
        { policy: perRetry.policy, position: "perRetry" },
        { policy: perCall.policy, position: "perCall" },
      ],
    });
    // Two 503s, then the answer: the retry policy sends three attempts of one call.
    await t.control("PUT", "/faults", {
      rules: [{ method: "GET", path: "/applications", fault: { kind: "error", status: 503 }, times: 2 }],
    });
    const { items } = await client.run(listApplicationsOperation, { limit: 1 });
    expect(items).toHaveLength(1);

    // Per call: after the request id is set, before retries; it sees the final answer only.
    expect(perCall.seen).toEqual([
      { tag: "checkout", clientRequestId: expect.any(String), authorized: false, status: 200 },
    ]);
    // Per retry: after the bearer token, each attempt with the per-call header and the same request id.
    expect(perRetry.seen.map((s) => s.status)).toEqual([503, 503, 200]);
    for (const attempt of perRetry.seen) {
      expect(attempt).toMatchObject({ tag: "checkout", authorized: true });
      expect(attempt.clientRequestId).toBe(perCall.seen[0]?.clientRequestId);
    }
  });

  it("keeps the order given among policies of one position", async () => {
    const order: string[] = [];
    const named = (name: string): PipelinePolicy => ({
      name,
      sendRequest: (request, next) => {
        order.push(name);
        return next(request);
      },
    });
    const client = t.client({
      policies: [
        { policy: named("first"), position: "perCall" },
        { policy: named("third"), position: "perRetry" },
        { policy: named("second"), position: "perCall" },
      ],
    });
    await client.run(listApplicationsOperation, { limit: 1 });
    expect(order).toEqual(["first", "second", "third"]);
  });

  it("refuses a policy named like another, before anything connects", () => {
    const retry = recorder("retry").policy;
    expect(() =>
      createCiamClient({
        credential: { getToken: () => Promise.reject(new Error("not signed in")) },
        tenantId: t.tenant.tenantId,
        cloud: t.cloud,
        policies: [{ policy: retry, position: "perCall" }],
      }),
    ).toThrow('Two pipeline policies are named "retry": give each added policy its own name');
  });
});
