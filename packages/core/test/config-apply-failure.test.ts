import { describe, expect, it } from "vitest";
import { ApplyError } from "../src/config/apply-error.ts";
import { applyPlan } from "../src/config/apply-plan.ts";
import { planTenant } from "../src/config/plan-tenant.ts";
import type { PlannedChange } from "../src/config/plan-types.ts";
import type { TenantSpecInput } from "../src/config/spec-schema.ts";
import { emptyB2cTenant } from "./helpers/app-client.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";

const { t } = useCoreEmulator({ clearFaults: true });
const named = (changes: readonly Pick<PlannedChange, "action" | "kind" | "name">[]) =>
  changes.map((c) => `${c.action} ${c.kind}/${c.name}`);

describe("a failure mid-way through apply", () => {
  it("names what was applied, what failed and what was not run; the next plan shows exactly the rest", async () => {
    const client = t.client();
    const spec: TenantSpecInput = {
      userFlowAttributes: { midwayTier: { dataType: "string" } },
      applications: { "Midway App": {} },
      groups: { "Midway Alpha": {}, "Midway Beta": { description: "b" }, "Midway Gamma": {} },
    };
    const plan = await planTenant(client, spec);
    expect(named(plan.changes)).toEqual([
      "create userFlowAttributes/midwayTier",
      "create applications/Midway App",
      "create groups/Midway Alpha",
      "create groups/Midway Beta",
      "create groups/Midway Gamma",
    ]);
    // The first group's POST fails (a 500 is not retried on a POST: Graph may have acted on it).
    await t.control("PUT", "/faults", {
      rules: [{ method: "POST", path: "/groups", fault: { kind: "error", status: 500 }, times: 1 }],
    });
    const seen: string[] = [];
    const error = await applyPlan(client, plan, {
      onChange: (c, index) => seen.push(`${index} ${c.kind}/${c.name}`),
    }).catch((e: unknown) => e);
    expect(seen).toEqual(["0 userFlowAttributes/midwayTier", "1 applications/Midway App"]);
    expect(error).toBeInstanceOf(ApplyError);
    const failure = error as ApplyError;
    expect(named(failure.applied)).toEqual([
      "create userFlowAttributes/midwayTier",
      "create applications/Midway App",
    ]);
    expect(named([failure.failed])).toEqual(["create groups/Midway Alpha"]);
    expect(named(failure.remaining)).toEqual(["create groups/Midway Beta", "create groups/Midway Gamma"]);
    expect(failure.kind).toBe("service");
    const cause = failure.cause as { code: string; requestId: string };
    expect(cause.requestId).toMatch(/\S/);
    expect(failure.message).toContain("applied 2 of 5 changes; failed: create groups 'Midway Alpha' (Graph ");
    expect(failure.message).toContain(`${cause.code}, request-id ${cause.requestId}`);
    expect(failure.message).toContain(
      "not run: create groups 'Midway Beta', create groups 'Midway Gamma'; run `ciam config plan` to see what remains, `ciam config apply` completes it",
    );

    // The next plan is exactly the failed change and those not run; its apply converges.
    const rest = await planTenant(client, spec);
    expect(named(rest.changes)).toEqual([named([failure.failed])[0], ...named(failure.remaining)]);
    expect(named((await applyPlan(client, rest)).applied)).toEqual(named(rest.changes));
    expect((await planTenant(client, spec)).changes).toEqual([]);
  });

  it("an application created whose exposure then fails is planned again, not taken as done", async () => {
    const client = t.client();
    const spec: TenantSpecInput = {
      applications: {
        "Midway API": {
          identifierUris: ["api://{appId}"],
          scopes: [{ value: "orders.read", displayName: "Read orders" }],
        },
      },
    };
    const plan = await planTenant(client, spec);
    expect(named(plan.changes)).toEqual(["create applications/Midway API"]);
    // The POST that creates the application succeeds; the PATCH that sets what it exposes fails.
    await t.control("PUT", "/faults", {
      rules: [{ method: "PATCH", path: "/applications/*", fault: { kind: "error", status: 500 }, times: 1 }],
    });
    const error = (await applyPlan(client, plan).catch((e: unknown) => e)) as ApplyError;
    expect(error).toBeInstanceOf(ApplyError);
    expect(error.applied).toEqual([]);
    expect(named([error.failed])).toEqual(["create applications/Midway API"]);
    expect(error.message).toMatch(/^applied 0 of 1 changes; failed: create applications 'Midway API'/);
    // Half made: the application exists without its URI and scope; the plan says so.
    const rest = await planTenant(client, spec);
    expect(
      rest.changes.map((c) => `${c.action} ${c.kind}/${c.name} ${c.fields.map((f) => f.field)}`),
    ).toEqual(["update applications/Midway API identifierUris,scopes"]);
    await applyPlan(client, rest);
    expect((await planTenant(client, spec)).changes).toEqual([]);
  });

  it("an application whose required permissions fail is named, with the applications still unset", async () => {
    const client = t.client();
    const spec: TenantSpecInput = {
      applications: {
        "Midway Reader": { requiredPermissions: { "Microsoft Graph": { roles: ["User.Read.All"] } } },
      },
      groups: { "Midway Readers": {} },
    };
    const plan = await planTenant(client, spec);
    await t.control("PUT", "/faults", {
      rules: [{ method: "PATCH", path: "/applications/*", fault: { kind: "error", status: 500 }, times: 1 }],
    });
    const error = (await applyPlan(client, plan).catch((e: unknown) => e)) as ApplyError;
    expect(error).toBeInstanceOf(ApplyError);
    expect(error.applied).toEqual([]);
    expect(error.failed).toEqual({
      action: "create",
      kind: "applications",
      name: "Midway Reader",
      step: "permissions",
    });
    expect(named(error.remaining)).toEqual(["create groups/Midway Readers"]);
    expect(error.message).toContain("failed: create applications 'Midway Reader' (its required permissions)");
    const rest = await planTenant(client, spec);
    expect(named(rest.changes)).toEqual([
      "update applications/Midway Reader",
      "create groups/Midway Readers",
    ]);
    await applyPlan(client, rest);
    expect((await planTenant(client, spec)).changes).toEqual([]);
  });

  it("a B2C key set created whose key then fails is planned again for its key, not taken as done", async () => {
    const client = emptyB2cTenant(t, "5a1d7e0c-7b41-4c3e-9d2f-0e6b8c4a1f37", "midwayb2c");
    const spec: TenantSpecInput = { trustFrameworkKeySets: { B2C_1A_MidwayKey: { use: "sig", kty: "RSA" } } };
    const plan = await planTenant(client, spec);
    expect(named(plan.changes)).toEqual(["create trustFrameworkKeySets/B2C_1A_MidwayKey"]);
    // The key set is created; the request that makes its key fails.
    await t.control("PUT", "/faults", {
      rules: [
        {
          method: "POST",
          path: "/trustFramework/keySets/*/generateKey",
          fault: { kind: "error", status: 500 },
          times: 1,
        },
      ],
    });
    const error = (await applyPlan(client, plan).catch((e: unknown) => e)) as ApplyError;
    expect(error).toBeInstanceOf(ApplyError);
    expect(named([error.failed])).toEqual(["create trustFrameworkKeySets/B2C_1A_MidwayKey"]);
    // A key set without a key is no key set a policy can use: the plan makes its key.
    const rest = await planTenant(client, spec);
    expect(named(rest.changes)).toEqual(["update trustFrameworkKeySets/B2C_1A_MidwayKey"]);
    await applyPlan(client, rest);
    expect((await planTenant(client, spec)).changes).toEqual([]);
    await client.close();
  });
});
