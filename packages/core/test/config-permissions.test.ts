import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyPlan } from "../src/config/apply-plan.ts";
import { exportTenant } from "../src/config/export-tenant.ts";
import { loadSpecDir } from "../src/config/load-spec.ts";
import { planTenant } from "../src/config/plan-tenant.ts";
import { SpecError } from "../src/config/spec-error.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";

const GRAPH = "00000003-0000-0000-c000-000000000000";
const USER_READ_ALL = "df021288-bdef-4463-88db-98f22de89214";
const GROUP_READ_ALL = "5b567255-7703-4780-807c-7be8301ae99b";

const { t } = useCoreEmulator();
const dirs: string[] = [];
function specDir(applications: string): string {
  const dir = mkdtempSync(join(tmpdir(), "ciam-permissions-"));
  dirs.push(dir);
  writeFileSync(join(dir, "applications.yaml"), applications);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface GraphApp {
  id: string;
  displayName: string;
  requiredResourceAccess: { resourceAppId: string; resourceAccess: { id: string; type: string }[] }[];
}
const appNamed = async (name: string) =>
  (await t.client().graph.get<{ value: GraphApp[] }>(`/applications?$filter=displayName eq '${name}'`))
    .value[0];

describe("required permissions by name", () => {
  it("applies names as the ids of the resource's service principal, and ids compare equal to names", async () => {
    const client = t.client();
    const graphSp = await client.graph.get<{
      value: { oauth2PermissionScopes: { id: string; value: string }[] }[];
    }>(`/servicePrincipals?$filter=appId eq '${GRAPH}'&$select=oauth2PermissionScopes`);
    const scopeId = (value: string) =>
      graphSp.value[0]?.oauth2PermissionScopes.find((s) => s.value === value)?.id ?? "";
    const loaded = loadSpecDir(
      specDir(
        "Reports:\n  requiredPermissions:\n    microsoft graph:\n      roles: [user.read.all, Group.Read.All]\n      scopes: [User.Read, openid]\n",
      ),
    );
    const plan = await planTenant(client, loaded.spec, { locate: loaded.locate });
    expect(plan.changes.map((c) => `${c.action} ${c.kind}/${c.name}`)).toEqual([
      "create applications/Reports",
    ]);
    // Written in the resource's spelling, so the plan shows what export will write.
    expect(plan.spec.applications?.Reports?.requiredPermissions).toEqual({
      "Microsoft Graph": { roles: ["Group.Read.All", "User.Read.All"], scopes: ["openid", "User.Read"] },
    });
    await applyPlan(client, plan);
    const app = await appNamed("Reports");
    expect(app?.requiredResourceAccess).toHaveLength(1);
    expect(app?.requiredResourceAccess[0]?.resourceAppId).toBe(GRAPH);
    expect(new Set(app?.requiredResourceAccess[0]?.resourceAccess.map((a) => `${a.type}:${a.id}`))).toEqual(
      new Set([
        `Role:${USER_READ_ALL}`,
        `Role:${GROUP_READ_ALL}`,
        `Scope:${scopeId("User.Read")}`,
        `Scope:${scopeId("openid")}`,
      ]),
    );
    // The same permissions written as ids (resource by client id) are no change.
    const byIds = await planTenant(client, {
      applications: {
        Reports: {
          requiredPermissions: {
            [GRAPH]: {
              roles: [USER_READ_ALL, GROUP_READ_ALL.toUpperCase()],
              scopes: [scopeId("User.Read"), scopeId("openid")],
            },
          },
        },
      },
    });
    expect(byIds.changes).toEqual([]);
    const exported = await exportTenant(client, { kinds: ["applications"] });
    expect(exported.files["applications.yaml"]).toContain(
      "Reports:\n  requiredPermissions:\n    Microsoft Graph:\n      roles:\n        - Group.Read.All\n        - User.Read.All\n      scopes:\n        - openid\n        - User.Read\n",
    );
  });

  it("refuses an unknown resource or permission name with file, line, path and the nearest names; nothing is written", async () => {
    const dir = specDir(
      [
        "Mailer:",
        "  requiredPermissions:",
        "    Microsoft Graph:",
        "      roles: [User.Raed.All, User.Read]",
        "      scopes: [User.Read.Al]",
        "    Microsoft Grpah:",
        "      scopes: [User.Read]",
        "",
      ].join("\n"),
    );
    const loaded = loadSpecDir(dir);
    const before = t.emu.control.monitor.requests().length;
    const error = await planTenant(t.client(), loaded.spec, { locate: loaded.locate }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SpecError);
    const message = (error as SpecError).message;
    expect(message).toContain(
      "applications.yaml:4:15: applications.Mailer.requiredPermissions.Microsoft Graph.roles.0: Microsoft Graph has no application permission (app role) named 'User.Raed.All' (nearest: User.Read.All,",
    );
    expect(message).toContain(
      "applications.yaml:4:30: applications.Mailer.requiredPermissions.Microsoft Graph.roles.1: 'User.Read' is a delegated permission (scope) of Microsoft Graph: list it under scopes, not roles",
    );
    expect(message).toContain(
      "applications.yaml:5:16: applications.Mailer.requiredPermissions.Microsoft Graph.scopes.0: Microsoft Graph has no delegated permission (scope) named 'User.Read.Al' (nearest: User.Read.All,",
    );
    expect(message).toContain(
      "applications.yaml:6:5: applications.Mailer.requiredPermissions.Microsoft Grpah: no application or service principal is named 'Microsoft Grpah' in the spec or the tenant (nearest: Microsoft Graph",
    );
    const writes = t.emu.control.monitor
      .requests()
      .slice(before)
      .filter((r) => r.service === "graph" && r.method !== "GET" && !r.path.endsWith("/$batch"));
    expect(writes).toEqual([]);
    expect(await appNamed("Mailer")).toBeUndefined();
  });

  it("names an API of the tenant's own permissions through its service principal, and converges", async () => {
    const client = t.client();
    const roleId = "0c4d5e6f-1a2b-4c3d-8e9f-0a1b2c3d4e5f";
    const api = await client.graph.post<{ id: string; appId: string }>("/applications", {
      displayName: "Inventory API",
      appRoles: [
        {
          id: roleId,
          value: "Inventory.Read",
          displayName: "Read inventory",
          description: "Read inventory",
          allowedMemberTypes: ["Application"],
          isEnabled: true,
        },
      ],
    });
    await client.graph.post("/servicePrincipals", { appId: api.appId });
    // By client id, on a resource no application requires yet: read, named, and stable after apply.
    const spec = {
      applications: { Stock: { requiredPermissions: { [api.appId]: { roles: ["Inventory.Read"] } } } },
    };
    const plan = await planTenant(client, spec);
    expect(plan.spec.applications?.Stock?.requiredPermissions).toEqual({
      "Inventory API": { roles: ["Inventory.Read"] },
    });
    await applyPlan(client, plan);
    expect((await appNamed("Stock"))?.requiredResourceAccess).toEqual([
      { resourceAppId: api.appId, resourceAccess: [{ id: roleId, type: "Role" }] },
    ]);
    expect((await planTenant(client, spec)).changes).toEqual([]);
    // By the application's name, with the application in the spec too.
    const byName = await planTenant(client, {
      applications: {
        "Inventory API": {},
        Stock: { requiredPermissions: { "inventory api": { roles: ["inventory.read"] } } },
      },
    });
    expect(byName.changes).toEqual([]);
  });

  it("keeps ids a resource has no name for, and refuses a name on a resource without a service principal", async () => {
    const client = t.client();
    const unknownRole = "11111111-2222-4333-8444-555555555555";
    const plan = await planTenant(client, {
      applications: {
        Api: {},
        Caller: { requiredPermissions: { Api: { roles: [unknownRole] }, [GRAPH]: { roles: [unknownRole] } } },
      },
    });
    expect(plan.spec.applications?.Caller?.requiredPermissions).toEqual({
      Api: { roles: [unknownRole] },
      "Microsoft Graph": { roles: [unknownRole] },
    });
    const error = await planTenant(client, {
      applications: { Api: {}, Caller: { requiredPermissions: { Api: { scopes: ["access_as_user"] } } } },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).message).toContain(
      "applications.Caller.requiredPermissions.Api.scopes.0: 'access_as_user' cannot be looked up: 'Api' has no service principal in the tenant; write the permission's id",
    );
  });
});
