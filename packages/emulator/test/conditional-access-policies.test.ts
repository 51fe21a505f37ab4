import { beforeEach, describe, expect, test } from "vitest";
import { resetWithToken, useTestEmulator } from "./helpers/emulator.ts";
import { appWith, call, type Reply } from "./helpers/graph-calls.ts";

const t = useTestEmulator({ throttling: false });
let token: string;
let appId: string;
beforeEach(async () => {
  token = await resetWithToken(t);
  appId = (await call(t, token, "POST", "/v1.0/applications", { displayName: "shop" })).body.appId;
});

const g = (method: string, path: string, body?: unknown, as = token): Promise<Reply> =>
  call(t, as, method, `/v1.0/identity/conditionalAccess/policies${path}`, body);

/** The customer MFA policy of "Add multifactor authentication (MFA) to a customer app". */
const mfaPolicy = (apps: string[] = [appId]) => ({
  displayName: "Require MFA for shop",
  state: "enabledForReportingButNotEnforced",
  conditions: {
    applications: { includeApplications: apps },
    users: { includeUsers: ["All"] },
    clientAppTypes: ["all"],
  },
  grantControls: { operator: "OR", builtInControls: ["mfa"] },
});

describe("conditional access policies", () => {
  test("create (201, full shape), read, list, PATCH the state, delete; each change audited", async () => {
    const created = await g("POST", "", mfaPolicy());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      displayName: "Require MFA for shop",
      state: "enabledForReportingButNotEnforced",
      conditions: { applications: { includeApplications: [appId], excludeApplications: [] } },
      grantControls: { builtInControls: ["mfa"], operator: "OR" },
      sessionControls: null,
    });
    expect(created.body.createdDateTime).toEqual(expect.any(String));
    const id = created.body.id as string;
    expect((await g("GET", `/${id}`)).body.conditions.users.includeUsers).toEqual(["All"]);
    expect((await g("GET", "")).body.value.map((p: { id: string }) => p.id)).toEqual([id]);
    expect((await g("PATCH", `/${id}`, { state: "enabled" })).status).toBe(204);
    const patched = (await g("GET", `/${id}`)).body;
    expect(patched.state).toBe("enabled");
    expect(patched.modifiedDateTime).toEqual(expect.any(String));
    expect((await g("DELETE", `/${id}`)).status).toBe(204);
    expect((await g("GET", `/${id}`)).status).toBe(404);
    const audits = await call(t, token, "GET", "/v1.0/auditLogs/directoryAudits");
    expect(audits.body.value.map((a: { activityDisplayName: string }) => a.activityDisplayName)).toEqual(
      expect.arrayContaining([
        "Add conditional access policy",
        "Update conditional access policy",
        "Delete conditional access policy",
      ]),
    );
  });

  const without = (path: (p: ReturnType<typeof mfaPolicy>) => void) => {
    const p = mfaPolicy();
    path(p);
    return JSON.parse(JSON.stringify(p));
  };
  test.each([
    ["no displayName", without((p) => Object.assign(p, { displayName: undefined }))],
    ["an unknown state", without((p) => Object.assign(p, { state: "on" }))],
    [
      "no applications",
      without((p) => Object.assign(p.conditions.applications, { includeApplications: [] })),
    ],
    [
      "an application that is not an id",
      without((p) => Object.assign(p.conditions.applications, { includeApplications: ["shop"] })),
    ],
    ["no users", without((p) => Object.assign(p.conditions, { users: undefined }))],
    ["an unknown control", without((p) => Object.assign(p.grantControls, { builtInControls: ["sms"] }))],
    ["no controls", without((p) => Object.assign(p, { grantControls: undefined }))],
    ["an unknown property", { ...mfaPolicy(), colour: "red" }],
  ])("refuses a policy with %s and creates nothing", async (_name, body) => {
    expect((await g("POST", "", body)).status).toBe(400);
    expect((await g("GET", "")).body.value).toEqual([]);
  });

  test("a PATCH that breaks the policy is refused and changes nothing; an unknown id is 404", async () => {
    const id = (await g("POST", "", mfaPolicy())).body.id as string;
    expect((await g("PATCH", `/${id}`, { state: "sometimes" })).status).toBe(400);
    expect((await g("PATCH", `/${id}`, { id: "x" })).status).toBe(400);
    expect((await g("GET", `/${id}`)).body.state).toBe("enabledForReportingButNotEnforced");
    expect((await g("PATCH", "/6fc5012e-7665-43d6-9708-4370863f4e6e", { state: "enabled" })).status).toBe(
      404,
    );
    expect((await g("DELETE", "/6fc5012e-7665-43d6-9708-4370863f4e6e")).status).toBe(404);
  });

  test("a PATCH of part of a complex value changes only what it names (the reference's signInRiskLevels update)", async () => {
    const id = (await g("POST", "", mfaPolicy())).body.id as string;
    const r = await g("PATCH", `/${id}`, { conditions: { signInRiskLevels: ["high", "medium", "low"] } });
    expect(r.status).toBe(204);
    const { conditions } = (await g("GET", `/${id}`)).body;
    expect(conditions).toMatchObject({
      signInRiskLevels: ["high", "medium", "low"],
      applications: { includeApplications: [appId] },
      users: { includeUsers: ["All"] },
      clientAppTypes: ["all"],
    });
    // A nested value is merged too; a list is replaced.
    await g("PATCH", `/${id}`, { conditions: { users: { excludeUsers: ["GuestsOrExternalUsers"] } } });
    const users = (await g("GET", `/${id}`)).body.conditions.users;
    expect(users).toMatchObject({ includeUsers: ["All"], excludeUsers: ["GuestsOrExternalUsers"] });
  });

  test("Policy.Read.All reads but cannot create", async () => {
    const reader = await appWith(t, token, ["Policy.Read.All"]);
    expect((await g("GET", "", undefined, reader.token)).status).toBe(200);
    expect((await g("POST", "", mfaPolicy(), reader.token)).status).toBe(403);
  });
});
