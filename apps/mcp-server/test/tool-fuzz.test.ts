import { type Operation, operations } from "@ciamkit/core";
import { type RunningEmulator, startEmulator } from "@ciamkit/emulator";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { hiddenInputs, withoutHiddenInputs } from "../src/tools/hidden-inputs.ts";
import { toolInputSchema } from "../src/tools/page-size.ts";
import { demoClient } from "./helpers/demo-client.ts";
import { connectClient, textOf } from "./helpers/harness.ts";
import { HOSTILE_STRINGS, type WrongInput, wrongInputs } from "./helpers/wrong-inputs.ts";

/**
 * Calls every tool with generated wrong inputs (seeded, so every run makes the same calls) against a
 * fresh emulator, as an attacker or a confused model would, and checks each answer: a tool error or an
 * invalid-params error, never a crash, a hang, a 5xx from the service, a huge echo, or a success where
 * the input is wrong. Destructive tools run without confirmation, so their checks are reached: every
 * input is wrong or names nothing, so nothing is deleted.
 */
const SEED = 20261207;
const RANDOM_PER_TOOL = 4;
/** Past this the answer echoes a huge input back into the model's context. */
const MAX_ANSWER_CHARS = 8_000;

let emulator: RunningEmulator;
let close: () => Promise<void>;
let client: Client;
let listed: string[];
let calls = 0;

beforeAll(async () => {
  emulator = await startEmulator({ throttling: false, requestLogSize: 100_000 });
  // No read-after-write retries of a 404: every generated id is unknown, and waiting proves nothing.
  const runner = demoClient(emulator, { readAfterWrite: { retries: 0 } });
  client = await connectClient({ client: runner }, { allowDestructive: true });
  listed = (await client.listTools()).tools.map((t) => t.name);
  close = async () => {
    await client.close();
    await runner.close();
    await emulator.stop();
  };
});
afterAll(() => close());

/** The full input schema the server checks a tool's arguments against (what tools/list slims), less CLI-only fields. */
function fullInputSchema(op: Operation): Record<string, unknown> {
  return withoutHiddenInputs(
    z.toJSONSchema(toolInputSchema(op), { target: "draft-07", io: "input" }) as Record<string, unknown>,
    hiddenInputs(op),
  );
}

type Outcome = { kind: "refused" | "answered"; text: string } | { kind: "broken"; why: string };

/** One call, classified: refused (isError or invalid params), answered (success), or broken (anything else). */
async function call(name: string, args: unknown): Promise<Outcome> {
  calls++;
  try {
    const result = await client.callTool({ name, arguments: args as Record<string, unknown> }, undefined, {
      timeout: 20_000,
    });
    const text = textOf(result);
    if (result.isError === true) return { kind: "refused", text };
    if (typeof result.structuredContent !== "object")
      return { kind: "broken", why: "success without structuredContent" };
    // A bulk tool reports each item; when every one failed (the group does not exist), nothing changed.
    const results = (result.structuredContent as { results?: { status?: string }[] }).results;
    if (Array.isArray(results) && results.length > 0 && results.every((r) => r.status === "failed")) {
      return { kind: "refused", text };
    }
    return { kind: "answered", text };
  } catch (error) {
    if (error instanceof McpError && error.code === ErrorCode.InvalidParams) {
      return { kind: "refused", text: error.message };
    }
    // The SDK answers a request its own schema refuses (arguments that are not an object) with
    // -32603 rather than -32602: modelcontextprotocol/typescript-sdk#2284. Still a refusal, not a crash.
    if (
      error instanceof McpError &&
      error.code === ErrorCode.InternalError &&
      /"arguments"/.test(error.message)
    ) {
      return { kind: "refused", text: error.message };
    }
    return { kind: "broken", why: `threw ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** What is wrong with an answer to a generated input, or undefined when it is right. */
function problem(input: WrongInput, outcome: Outcome, destructive: boolean): string | undefined {
  if (outcome.kind === "broken") return outcome.why;
  if (outcome.text.length > MAX_ANSWER_CHARS) return `answered ${outcome.text.length} characters`;
  if (/\n\s+at .+\(.+:\d+:\d+\)/.test(outcome.text)) return "answered a stack trace";
  if (/\(HTTP 5\d\d\)/.test(outcome.text)) return `the service failed: ${outcome.text.slice(0, 200)}`;
  if (outcome.kind === "answered" && (input.mustFail || destructive)) {
    return `succeeded: ${outcome.text.slice(0, 200)}`;
  }
  return undefined;
}

describe("every tool answers generated wrong inputs with a tool error", () => {
  it.each(operations.map((op, i) => [op.name, op, i] as const))(
    "%s",
    async (name, op, i) => {
      expect(listed).toContain(name);
      const inputs = wrongInputs(fullInputSchema(op), {
        read: op.access === "read",
        seed: SEED + i,
        random: RANDOM_PER_TOOL,
      });
      const problems: string[] = [];
      for (const input of inputs) {
        const found = problem(input, await call(name, input.args), op.access === "destructive");
        if (found !== undefined) problems.push(`${input.label}: ${found}`);
      }
      expect(problems).toEqual([]);
    },
    60_000,
  );

  it("leaves the server answering, and sent no traversal or unescaped filter to the service", async () => {
    // Every tool was called (the loop above ran), with a couple of thousand inputs in all.
    expect(calls).toBeGreaterThan(2_000);
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(listed);
    const users = await client.callTool({ name: "user_list", arguments: { limit: 1 } });
    expect(users.isError).toBeFalsy();
    expect(emulator.control.monitor.counters().byStatus).not.toHaveProperty("500");
    for (const { path } of emulator.control.monitor.requests()) {
      // Ids travel encoded in one path segment, never as path steps.
      expect(path).not.toMatch(/\/\.\.(\/|\?|$)|\/etc\/passwd/);
      // A quote from an input is doubled inside an OData string, so it cannot end the string. (A raw
      // filter input, user_export's `filter`, is sent as given: that is its purpose.)
      const filter = new URL(path, "https://x").searchParams.get("$filter") ?? "";
      if (HOSTILE_STRINGS.includes(filter)) continue;
      expect(filter).not.toMatch(/(^|[^'])'( or 1 eq 1|\) or \(1 eq 1)/);
    }
  });
});
