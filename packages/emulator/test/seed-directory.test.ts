import { describe, expect, it } from "vitest";
import { GRAPH_APP_ID, GRAPH_APP_ROLES } from "../src/graph/entities/graph-service-principal.ts";
import { seedDirectory } from "../src/graph/seed-directory.ts";
import type { SecretHash } from "../src/store/secrets.ts";
import { verifySecret } from "../src/store/secrets.ts";
import { newTenant } from "./helpers/tenant.ts";

const spec = {
  seed: "demo",
  apps: [
    { displayName: "ciam-admin", graphPermissions: ["User.ReadWrite.All", "AuditLog.Read.All"] },
    { displayName: "ciam-cli", publicClient: true, delegatedScopes: ["User.ReadWrite.All", "openid"] },
  ],
  users: [
    { displayName: "Ana Lima", email: "ana@example.com", password: "Secr3t!pass" },
    { displayName: "Admin", userPrincipalName: "admin@contoso.onmicrosoft.com", password: "Adm1n!pass" },
  ],
  groups: [{ displayName: "Premium", members: ["ana@example.com"] }],
};

describe("seedDirectory", () => {
  it("creates the organization, Graph's service principal, apps with grants, users and groups", () => {
    const { tenant } = newTenant();
    const out = seedDirectory(tenant, spec);
    expect(tenant.collection("organization").get(tenant.info.id)?.tenantType).toBe("CIAM");
    const graphSp = tenant.collection("servicePrincipals").get(out.graphServicePrincipalId);
    expect(graphSp?.appId).toBe(GRAPH_APP_ID);
    expect(((graphSp?.appRoles ?? []) as { value: string }[]).map((r) => r.value)).toContain(
      "User.ReadWrite.All",
    );

    const [admin, cli] = out.apps;
    expect(admin?.secret).toHaveLength(40);
    const cred = [...tenant.collection("_credentials").values()].find(
      (c) => c.appObjectId === admin?.objectId,
    );
    expect(verifySecret(admin?.secret as string, cred?.secret as unknown as SecretHash)).toBe(true);
    const roles = [...tenant.collection("appRoleAssignments").values()]
      .filter((a) => a.principalId === admin?.servicePrincipalId)
      .map((a) => a.appRoleId);
    expect(roles.sort()).toEqual(
      [GRAPH_APP_ROLES["User.ReadWrite.All"], GRAPH_APP_ROLES["AuditLog.Read.All"]].sort(),
    );
    expect(cli?.secret).toBeNull();
    const grant = [...tenant.collection("oauth2PermissionGrants").values()][0];
    expect(grant).toMatchObject({
      clientId: cli?.servicePrincipalId,
      consentType: "AllPrincipals",
      scope: "User.ReadWrite.All openid",
    });

    const ana = tenant.collection("users").get(out.users[0]?.id as string);
    expect(ana?.identities).toContainEqual({
      signInType: "emailAddress",
      issuer: "contoso.onmicrosoft.com",
      issuerAssignedId: "ana@example.com",
    });
    expect(ana?.creationType).toBe("LocalAccount");
    const pw = tenant.collection("_userPasswords").get(out.users[0]?.id as string) as unknown as SecretHash;
    expect(verifySecret("Secr3t!pass", pw)).toBe(true);
    expect(out.users[1]?.userPrincipalName).toBe("admin@contoso.onmicrosoft.com");
    const edges = [...tenant.collection("_groupMembers").values()];
    expect(edges).toEqual([{ groupId: out.groups[0]?.id, memberId: ana?.id }]);
  });

  it("gives the same ids and secrets for the same seed, and different ones for another", () => {
    const a = seedDirectory(newTenant().tenant, spec);
    const b = seedDirectory(newTenant().tenant, spec);
    const c = seedDirectory(newTenant().tenant, { ...spec, seed: "other" });
    expect(b).toEqual(a);
    expect(c.apps[0]?.appId).not.toBe(a.apps[0]?.appId);
  });

  it("refuses an unknown permission name", () => {
    expect(() =>
      seedDirectory(newTenant().tenant, { apps: [{ displayName: "x", graphPermissions: ["Nope.All"] }] }),
    ).toThrow(/unknown Graph application permission Nope.All/);
  });
});
