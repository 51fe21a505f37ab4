// `ciam security …` as a subprocess: the methods customers sign in with, and the Conditional Access
// policy that requires MFA of them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ciam, cmd, json, requireBuilt, startTenant, type TestTenant } from "./harness.ts";

let t: TestTenant;
let shopAppId: string;
beforeAll(async () => {
  requireBuilt();
  t = await startTenant();
  shopAppId = json<{ appId: string }>(
    await ciam(["app", "create", "--display-name", "Shop", "-o", "json"], t.env),
  ).appId;
}, 60_000);
afterAll(async () => t?.close());

interface Policy {
  id: string;
  state: string;
  appIds: string[];
}

describe("ciam security", () => {
  it("auth-method-set turns SMS on; auth-method-list shows it; an unknown method is a usage error", async () => {
    const set = await ciam(cmd`security auth-method-set --id Sms --state enabled -o json`, t.env);
    expect(set.status).toBe(0);
    expect(json(set)).toEqual({ id: "Sms", state: "enabled" });
    const list = await ciam(cmd`security auth-method-list --query ${"[?id=='Sms'].state"} -o tsv`, t.env);
    expect(list.stdout.trim()).toBe("enabled");
    const bad = await ciam(cmd`security auth-method-set --id Fido2 --state enabled`, t.env);
    expect(bad.status).toBe(2);
  });

  it("mfa-require --report-only by app name, then enforced; ca-delete asks unless --yes", async () => {
    const first = await ciam(cmd`security mfa-require --apps Shop --report-only -o json`, t.env);
    expect(first.status).toBe(0);
    const policy = json<{ policy: Policy; created: boolean }>(first);
    expect(policy).toMatchObject({
      created: true,
      policy: { state: "enabledForReportingButNotEnforced", appIds: [shopAppId] },
    });
    const enforced = await ciam(cmd`security mfa-require --apps ${shopAppId} -o json`, t.env);
    expect(json<{ policy: Policy; created: boolean }>(enforced)).toMatchObject({
      created: false,
      policy: { id: policy.policy.id, state: "enabled" },
    });
    const missing = await ciam(cmd`security mfa-require --apps ${"No such app"}`, t.env);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('No app registration is named "No such app"');
    const unconfirmed = await ciam(cmd`security ca-delete --id ${policy.policy.id}`, t.env);
    expect(unconfirmed.status).toBe(2);
    expect(json<Policy[]>(await ciam(cmd`security ca-list -o json`, t.env))).toHaveLength(1);
    expect((await ciam(cmd`security ca-delete --id ${policy.policy.id} --yes`, t.env)).status).toBe(0);
    expect(json<Policy[]>(await ciam(cmd`security ca-list -o json`, t.env))).toEqual([]);
  });
});
