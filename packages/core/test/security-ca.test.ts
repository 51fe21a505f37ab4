import { beforeEach, describe, expect, it } from "vitest";
import { createCaPolicyOperation } from "../src/graph/security/create-ca-policy.ts";
import { getCaPolicyOperation } from "../src/graph/security/get-ca-policy.ts";
import { listCaPoliciesOperation } from "../src/graph/security/list-ca-policies.ts";
import { updateCaPolicyOperation } from "../src/graph/security/update-ca-policy.ts";
import { NotFoundError, PermissionError } from "../src/http/errors.ts";
import type { Operation } from "../src/operations/define-operation.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";
import { seededClient } from "./helpers/seeded-client.ts";

// Conditional Access get/create/update as External ID uses them: guests and external users, groups
// excluded, apps by name, client app types, grant controls and the report-only state.
const { t: e, client } = useCoreEmulator();
beforeEach(async () => {
  await e.emu.control.reset();
});

const app = (displayName: string) =>
  client.graph.post<{ appId: string }>("/applications", { displayName }).then((a) => a.appId);
const group = (displayName: string) =>
  client.graph
    .post<{ id: string }>("/groups", {
      displayName,
      mailEnabled: false,
      mailNickname: displayName,
      securityEnabled: true,
    })
    .then((g) => g.id);
const requestCount = () => e.emu.control.monitor.requests().length;
const MISSING = "6fc5012e-7665-43d6-9708-4370863f4e6e";

describe("Conditional Access: create, get, update", () => {
  it("creates a report-only policy for external users of an app named by name, minus a group; get reads it back", async () => {
    const shop = await app("shop");
    const staff = await group("staff");
    const created = await client.run(createCaPolicyOperation, {
      displayName: "MFA for external users",
      apps: ["shop"],
      users: ["GuestsOrExternalUsers"],
      excludeGroups: [staff],
      clientAppTypes: ["browser", "mobileAppsAndDesktopClients"],
      controls: ["mfa"],
    });
    expect(created).toMatchObject({
      state: "enabledForReportingButNotEnforced",
      appIds: [shop],
      users: ["GuestsOrExternalUsers"],
      excludeGroups: [staff],
      clientAppTypes: ["browser", "mobileAppsAndDesktopClients"],
      controls: ["mfa"],
      operator: "OR",
    });
    expect(await client.run(getCaPolicyOperation, { id: created.id })).toEqual(created);
    const raw = await client.graph.get<{ conditions: { users: Record<string, unknown> } }>(
      `/identity/conditionalAccess/policies/${created.id}`,
    );
    expect(raw.conditions.users).toMatchObject({
      includeUsers: ["GuestsOrExternalUsers"],
      excludeGroups: [staff],
    });
  });

  it("enforces a report-only policy, then changes exclusions and controls, keeping what it does not name", async () => {
    const shop = await app("shop");
    const blog = await app("blog");
    const staff = await group("staff");
    const { id } = await client.run(createCaPolicyOperation, {
      displayName: "Customers",
      apps: [shop, blog],
      groups: [staff],
      users: ["All"],
      controls: ["mfa"],
    });
    const enforced = await client.run(updateCaPolicyOperation, { id, state: "enabled" });
    expect(enforced).toMatchObject({ state: "enabled", appIds: [shop, blog], groups: [staff] });
    const changed = await client.run(updateCaPolicyOperation, {
      id,
      excludeUsers: [MISSING],
      excludeApps: ["blog"],
      operator: "AND",
      controls: ["mfa", "passwordChange"],
    });
    expect(changed).toMatchObject({
      displayName: "Customers",
      state: "enabled",
      users: ["All"],
      excludeUsers: [MISSING],
      groups: [staff],
      appIds: [shop, blog],
      excludeAppIds: [blog],
      controls: ["mfa", "passwordChange"],
      operator: "AND",
    });
    const renamed = await client.run(updateCaPolicyOperation, { id, displayName: "Customers (MFA)" });
    expect(renamed).toEqual({ ...changed, displayName: "Customers (MFA)" });
  });

  it("bad input is refused before any request: unknown control, user keyword or state, no apps, no change", async () => {
    const before = requestCount();
    const bad: [Operation, unknown][] = [
      [createCaPolicyOperation, { displayName: "x", apps: ["All"], controls: ["sms"] }],
      [createCaPolicyOperation, { displayName: "x", apps: ["All"], controls: ["mfa"], users: ["Guests"] }],
      [createCaPolicyOperation, { displayName: "x", apps: ["All"], controls: ["mfa"], state: "on" }],
      [createCaPolicyOperation, { displayName: "x", apps: [], controls: ["mfa"] }],
      [createCaPolicyOperation, { displayName: "x", controls: ["mfa"] }],
      [createCaPolicyOperation, { displayName: "x", apps: ["All"], controls: ["mfa"], groups: ["staff"] }],
      [updateCaPolicyOperation, { id: MISSING }],
      [updateCaPolicyOperation, { id: MISSING, operator: "XOR" }],
    ];
    for (const [operation, input] of bad) {
      const error = await client.run(operation, input as never).catch((err: unknown) => err);
      expect(error, JSON.stringify(input)).toBeInstanceOf(InvalidInputError);
    }
    expect(requestCount()).toBe(before);
  });

  it("an app name no registration has is refused naming what to give; nothing is created", async () => {
    const error = await client
      .run(createCaPolicyOperation, { displayName: "x", apps: ["nowhere"], controls: ["mfa"] })
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toContain('No app registration is named "nowhere"');
    expect((await client.run(listCaPoliciesOperation, {})).items).toEqual([]);
  });

  it("an unknown policy id is not found for get and update", async () => {
    await expect(client.run(getCaPolicyOperation, { id: MISSING })).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      client.run(updateCaPolicyOperation, { id: MISSING, state: "disabled" }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("an app that may only read policies gets one but cannot create or update; the error names the permission", async () => {
    const { id } = await client.run(createCaPolicyOperation, {
      displayName: "Block",
      apps: ["All"],
      controls: ["block"],
      state: "disabled",
    });
    const reader = seededClient(e, "ca-reader", ["Policy.Read.All", "Application.Read.All"]);
    expect((await reader.run(getCaPolicyOperation, { id })).controls).toEqual(["block"]);
    for (const run of [
      () => reader.run(createCaPolicyOperation, { displayName: "y", apps: ["All"], controls: ["mfa"] }),
      () => reader.run(updateCaPolicyOperation, { id, state: "enabled" }),
    ]) {
      const error = await run().catch((err: unknown) => err);
      expect(error).toBeInstanceOf(PermissionError);
      expect((error as PermissionError).requiredPermissions).toContain("Policy.ReadWrite.ConditionalAccess");
      expect((error as Error).message).toContain(
        "ciam app grant --permission Policy.ReadWrite.ConditionalAccess",
      );
    }
    await reader.close();
    expect(await client.run(getCaPolicyOperation, { id })).toMatchObject({ state: "disabled" });
    expect((await client.run(listCaPoliciesOperation, {})).items).toHaveLength(1);
  });
});
