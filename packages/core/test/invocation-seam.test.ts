// The one invocation seam both front ends use: validateInput (once, unknown fields at any depth),
// runOperation (runs validated input as it is, validates the output), errorKind/nextStep (one
// classification of failures) and destructiveTarget (what a confirmation names).
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { errorKind, fileProblem, isServiceFailure, nextStep } from "../src/error-kinds.ts";
import { applyBrandingOperation } from "../src/graph/branding/apply-branding.ts";
import { createGroupOperation } from "../src/graph/groups/create-group.ts";
import { deleteGroupOperation } from "../src/graph/groups/delete-group.ts";
import { getGroupOperation } from "../src/graph/groups/get-group.ts";
import { listGroupsOperation } from "../src/graph/groups/list-groups.ts";
import { removeMemberOperation } from "../src/graph/groups/remove-member.ts";
import { createServicePrincipalOperation } from "../src/graph/service-principals/create-service-principal.ts";
import { grantPermissionOperation } from "../src/graph/service-principals/grant-permission.ts";
import { InputError } from "../src/input-error.ts";
import type { OperationContext } from "../src/operations/context.ts";
import { defineOperation, type ObjectSchema } from "../src/operations/define-operation.ts";
import { destructiveTarget } from "../src/operations/destructive-target.ts";
import { runOperation } from "../src/operations/run-operation.ts";
import { InvalidInputError, revisedInput, validateInput } from "../src/operations/validate-input.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";
import { limitedClient } from "./helpers/limited-app.ts";

const { t, client: admin } = useCoreEmulator({ clearFaults: true });

const requests = () => t.logs.filter((entry) => entry.event === "http.request").length;
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable("the call succeeded"),
    (error: unknown) => error,
  );
const mcp = { program: "ciam-mcp" };

describe("errorKind and nextStep on the emulator's real errors", () => {
  it("403 for a missing permission: permission, naming the permission and whom to grant it", async () => {
    const { client } = await limitedClient(t, admin, []);
    const error = await failure(client.run(listGroupsOperation, {}));
    expect(errorKind(error)).toBe("permission");
    if (!isServiceFailure(error)) throw error;
    expect(error.status).toBe(403);
    expect(nextStep(error, "permission", mcp)).toBe(
      "grant Group.Read.All to the app ciam-mcp signs in as (see the message above), then retry.",
    );
    // The error's own message (the CLI's line) says how to grant it.
    expect(error.message).toContain("ciam app grant --permission Group.Read.All");
    await client.close();
  });

  it("404: not-found, with the request id a ticket needs", async () => {
    const error = await failure(admin.run(getGroupOperation, { id: "00000000-0000-4000-8000-000000000000" }));
    expect(errorKind(error)).toBe("not-found");
    if (!isServiceFailure(error)) throw error;
    expect(error.status).toBe(404);
    expect(error.requestId).toMatch(/\S/);
    expect(nextStep(error, "not-found", mcp)).toMatch(/^check the id/);
  });

  it("409: conflict, read the existing object instead", async () => {
    // The demo tenant's management app has its service principal already.
    const error = await failure(admin.run(createServicePrincipalOperation, { appId: t.tenant.clientId }));
    expect(errorKind(error)).toBe("conflict");
    if (!isServiceFailure(error)) throw error;
    expect(error.status).toBe(409);
    expect(nextStep(error, "conflict", mcp)).toBe(
      "an object with the same key exists; read it instead of creating it again.",
    );
  });

  it("429 once retries are spent: throttled, with how long to wait", async () => {
    const impatient = t.client({ retry: { maxRetries: 0 } });
    await impatient.run(listGroupsOperation, { limit: 1 });
    await t.control("PUT", "/throttling", { enabled: true, timeScale: 150, limits: { appTenantWrites: 1 } });
    await admin.run(createGroupOperation, { displayName: "Throttle 1" });
    const error = await failure(impatient.run(createGroupOperation, { displayName: "Throttle 2" }));
    expect(errorKind(error)).toBe("throttled");
    if (!isServiceFailure(error)) throw error;
    expect(error.status).toBe(429);
    expect(nextStep(error, "throttled", mcp)).toMatch(/^wait \d+ s before calling again/);
    await impatient.close();
  });

  it("400 for content the service rejects: service, change the input", async () => {
    const error = await failure(
      admin.run(grantPermissionOperation, {
        appId: t.tenant.clientId,
        permission: "User.ReadWrite.Everything",
      }),
    );
    expect(errorKind(error)).toBe("service");
    if (!isServiceFailure(error)) throw error;
    expect(error.status).toBe(400);
    expect(nextStep(error, "service", mcp)).toBe(
      "change the input the service rejected (the message says which) and retry.",
    );
  });

  it("what is not a service error: usage, cancelled, a file the user named, a bug", () => {
    expect(errorKind(new InvalidInputError("user_get", ["id: required"]))).toBe("usage");
    expect(errorKind(new InputError("a cursor no list returned"))).toBe("usage");
    expect(errorKind(new DOMException("cancelled", "AbortError"))).toBe("cancelled");
    expect(errorKind(Object.assign(new Error("busy"), { kind: "service" }))).toBe("service");
    const missing = Object.assign(new Error("ENOENT"), { code: "ENOENT", path: "users.csv" });
    expect(errorKind(missing)).toBe("usage");
    expect(fileProblem(missing)).toBe(
      "users.csv does not exist (or its folder does not) (ENOENT); check the path",
    );
    expect(errorKind(new TypeError("x is undefined"))).toBe("bug");
    expect(errorKind("a string")).toBe("bug");
  });
});

/** An operation that sends nothing, for what the seam does around `run`. */
function testOperation<I extends ObjectSchema, O extends ObjectSchema>(
  input: I,
  output: O,
  run: (input: z.output<I>) => Promise<unknown>,
) {
  return defineOperation({
    name: "seam_test",
    area: "seams",
    title: "Test",
    description: "Sends nothing.",
    access: "read",
    permissions: [],
    input,
    output,
    run: (_ctx, parsed) => run(parsed) as Promise<z.input<O>>,
  });
}

describe("validateInput: once, before any request", () => {
  it("refuses a nested unknown field by its path, with the field it was meant to be, sending nothing", async () => {
    const before = requests();
    expect(before).toBeGreaterThan(0);
    const input = { default: { backgroundColor: "#ffffff", backgroundColr: "#000000" } };
    const error = await failure(admin.run(applyBrandingOperation, input as never));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).unknownFields).toEqual([
      { field: "default.backgroundColr", suggestion: "backgroundColor" },
    ]);
    expect((error as Error).message).toBe(
      "Invalid input for branding_apply: default.backgroundColr: not an input field (did you mean backgroundColor?)",
    );
    expect(requests()).toBe(before);
  });

  it("a top-level typo is named before the schema's problems (a misspelt required field says so)", () => {
    const error = (() => {
      try {
        return validateInput(getGroupOperation, { Id: "x" });
      } catch (e) {
        return e;
      }
    })() as InvalidInputError;
    expect(error.issues).toEqual(["Id: not an input field (did you mean id?)"]);
    expect(error.schemaIssues).toEqual([]);
  });

  it("validated input runs as it is: a transform applies once, not again in runOperation", async () => {
    const op = testOperation(
      z.object({ text: z.string().transform((s) => `${s}!`) }),
      z.object({ text: z.string() }),
      async (input) => ({ text: input.text }),
    );
    const ctx = {} as OperationContext;
    const valid = validateInput(op, { text: "hi" });
    expect(await runOperation(op, ctx, valid)).toEqual({ text: "hi!" });
    expect(await runOperation(op, ctx, revisedInput(valid, { text: "yo" }))).toEqual({ text: "yo" });
    // Raw input is still validated by runOperation itself (library callers).
    expect(await runOperation(op, ctx, { text: "hi" })).toEqual({ text: "hi!" });
    expect(() => revisedInput({ text: "raw" }, {})).toThrow(/validateInput/);
  });

  it("the output is validated: an operation returning the wrong shape fails instead of answering", async () => {
    const op = testOperation(z.object({}), z.object({ id: z.string() }), async () => ({ id: 5 }));
    await expect(runOperation(op, {} as OperationContext, {})).rejects.toBeInstanceOf(z.ZodError);
  });
});

describe("destructiveTarget: what a confirmation names", () => {
  it("reads the object with the area's get to name it; a member removal names its ids", async () => {
    const group = await admin.run(createGroupOperation, { displayName: "Beta testers" });
    const read = (get: Parameters<typeof admin.run>[0], input: Record<string, unknown>) =>
      admin.run(get, input as never);
    expect(await destructiveTarget(deleteGroupOperation, { id: group.id }, read)).toEqual({
      fields: [["id", group.id]],
      read: true,
      name: "Beta testers",
      id: group.id,
    });
    const removal = { id: group.id, memberId: "00000000-0000-4000-8000-000000000001" };
    expect(await destructiveTarget(removeMemberOperation, removal, read)).toEqual({
      fields: [
        ["id", group.id],
        ["memberId", removal.memberId],
      ],
      read: false,
    });
    expect(await destructiveTarget(getGroupOperation, { id: group.id }, read)).toBeUndefined();
  });
});
