import { COLLECTIONS } from "../store/collection-names.ts";
import type { JsonObject } from "../store/json.ts";
import { hashSecret } from "../store/secrets.ts";
import type { TenantState } from "../store/store.ts";
import { addApplicationPassword } from "./credentials.ts";
import { newAppRoleAssignment, newOAuth2PermissionGrant } from "./entities/app-role-assignment.ts";
import { newApplication } from "./entities/application.ts";
import { newDomain } from "./entities/domain.ts";
import { GRAPH_APP_ROLES, graphScopeId, graphServicePrincipal } from "./entities/graph-service-principal.ts";
import { memberEdgeId, newGroup } from "./entities/group.ts";
import { newOrganization } from "./entities/organization.ts";
import { newServicePrincipal } from "./entities/service-principal.ts";
import { newUser } from "./entities/user.ts";
import { seededIds } from "./ids.ts";

/** An application to register, with its service principal and consent. */
export interface SeedApp {
  displayName: string;
  /** Graph application permissions to grant (app role assignments on Graph's service principal). */
  graphPermissions?: readonly string[];
  /** Delegated Graph scopes consented for all users (an `oAuth2PermissionGrant`). */
  delegatedScopes?: readonly string[];
  /** A public client (device code flow): no secret, `isFallbackPublicClient`. */
  publicClient?: boolean;
  /** A client secret: `true` generates one from the seed, a string uses it; default: true unless public. */
  secret?: boolean | string;
  /** Certificates (base64 DER) the app may sign client assertions with. */
  certificates?: readonly string[];
}

/** A user to create. Local customer accounts sign in with `email`; admins with `userPrincipalName`. */
export interface SeedUser {
  displayName: string;
  email?: string;
  userPrincipalName?: string;
  password?: string;
  givenName?: string;
  surname?: string;
  /** Extension attributes (`extension_{appIdNoDashes}_{name}`). */
  extensions?: Readonly<Record<string, string | number | boolean>>;
}

/** A security group to create, with members among the seeded users. */
export interface SeedGroup {
  displayName: string;
  description?: string;
  /** Members by the seeded users' email or userPrincipalName. */
  members?: readonly string[];
}

/** What {@link seedDirectory} puts in a tenant. */
export interface DirectorySeedSpec {
  /** PRNG seed for ids and secrets; the tenant id when omitted. Same seed, same ids. */
  seed?: string | number;
  now?: Date;
  countryLetterCode?: string;
  apps?: readonly SeedApp[];
  users?: readonly SeedUser[];
  groups?: readonly SeedGroup[];
}

/** A seeded application: its ids and, once, its client secret. */
export interface SeededApp {
  displayName: string;
  appId: string;
  objectId: string;
  servicePrincipalId: string;
  /** The client secret, when one was added: the only place it is ever shown. */
  secret: string | null;
}

/** The ids (and generated secrets) of what {@link seedDirectory} created. */
export interface SeededDirectory {
  organizationId: string;
  graphServicePrincipalId: string;
  apps: SeededApp[];
  users: { id: string; userPrincipalName: string; email: string | null; password: string | null }[];
  groups: { id: string; displayName: string }[];
}

/**
 * Fills a tenant's directory: organization, Microsoft Graph's service principal, applications with
 * service principals, secrets and consent, users with passwords and identities, groups with members.
 * Ids and generated secrets are deterministic for a seed. Writes through the store (so persistence
 * journals it) but logs no directory audits: this is the tenant's starting state, not a change.
 */
export function seedDirectory(tenant: TenantState, spec: DirectorySeedSpec = {}): SeededDirectory {
  const info = tenant.info;
  const ids = seededIds(spec.seed ?? info.id);
  const now = spec.now ?? new Date(info.createdDateTime);
  const org = newOrganization(
    info,
    spec.countryLetterCode === undefined ? {} : { countryLetterCode: spec.countryLetterCode },
  );
  tenant.collection(COLLECTIONS.organization).put(info.id, org);
  const initialDomain = info.defaultDomain.toLowerCase();
  tenant.collection(COLLECTIONS.domains).put(initialDomain, newDomain(info.defaultDomain, true));

  const sps = tenant.collection(COLLECTIONS.servicePrincipals);
  let graphSp = [...sps.values()].find((sp) => sp.appId === "00000003-0000-0000-c000-000000000000");
  if (graphSp === undefined) {
    graphSp = graphServicePrincipal(info, ids);
    sps.put(graphSp.id as string, graphSp);
  }
  const graphSpId = graphSp.id as string;

  const apps: SeededApp[] = [];
  for (const a of spec.apps ?? []) {
    const body: JsonObject = { displayName: a.displayName };
    const roles = (a.graphPermissions ?? []).map((p) => {
      const id = GRAPH_APP_ROLES[p];
      if (id === undefined) throw new Error(`unknown Graph application permission ${p}`);
      return id;
    });
    const scopes = a.delegatedScopes ?? [];
    body.requiredResourceAccess = [
      {
        resourceAppId: "00000003-0000-0000-c000-000000000000",
        resourceAccess: [
          ...roles.map((id) => ({ id, type: "Role" })),
          ...scopes.map((s) => ({ id: graphScopeId(s), type: "Scope" })),
        ],
      },
    ];
    if (a.publicClient === true) {
      body.isFallbackPublicClient = true;
      body.publicClient = { redirectUris: ["http://localhost"] };
    }
    if (a.certificates !== undefined) {
      body.keyCredentials = a.certificates.map((key) => ({
        type: "AsymmetricX509Cert",
        usage: "Verify",
        key,
      }));
    }
    let app = newApplication(info, body, now, ids);
    tenant.collection(COLLECTIONS.applications).put(app.id as string, app);
    const sp = newServicePrincipal(info, app, {}, ids);
    sps.put(sp.id as string, sp);
    let secret: string | null = null;
    const wantSecret = a.secret ?? a.publicClient !== true;
    if (wantSecret !== false) {
      const given = typeof wantSecret === "string" ? wantSecret : undefined;
      const cred = addApplicationPassword(tenant, app, { displayName: "seed" }, now, ids, given);
      secret = cred.secretText as string;
      app = tenant.collection(COLLECTIONS.applications).get(app.id as string) as JsonObject;
    }
    for (const appRoleId of roles) {
      const assignment = newAppRoleAssignment(
        { id: sp.id as string, displayName: a.displayName, type: "ServicePrincipal" },
        { id: graphSpId, displayName: "Microsoft Graph" },
        appRoleId,
        now,
        ids.uuid(),
      );
      tenant.collection(COLLECTIONS.appRoleAssignments).put(assignment.id as string, assignment);
    }
    if (scopes.length > 0) {
      const grant = newOAuth2PermissionGrant(
        { clientId: sp.id as string, resourceId: graphSpId, scope: scopes.join(" ") },
        ids.uuid(),
      );
      tenant.collection(COLLECTIONS.oauth2PermissionGrants).put(grant.id as string, grant);
    }
    apps.push({
      displayName: a.displayName,
      appId: app.appId as string,
      objectId: app.id as string,
      servicePrincipalId: sp.id as string,
      secret,
    });
  }

  const users: SeededDirectory["users"] = [];
  const byLogin = new Map<string, string>();
  for (const u of spec.users ?? []) {
    const body: JsonObject = { displayName: u.displayName };
    if (u.givenName !== undefined) body.givenName = u.givenName;
    if (u.surname !== undefined) body.surname = u.surname;
    if (u.userPrincipalName !== undefined) body.userPrincipalName = u.userPrincipalName;
    if (u.email !== undefined) {
      body.mail = u.email;
      body.identities = [
        { signInType: "emailAddress", issuer: info.defaultDomain, issuerAssignedId: u.email },
      ];
    }
    if (u.password !== undefined) body.passwordProfile = { forceChangePasswordNextSignIn: false };
    body.passwordPolicies = "DisablePasswordExpiration";
    Object.assign(body, u.extensions ?? {});
    const user = newUser(info, body, now, ids);
    tenant.collection(COLLECTIONS.users).put(user.id as string, user);
    if (u.password !== undefined)
      tenant.collection(COLLECTIONS.userPasswords).put(user.id as string, { ...hashSecret(u.password) });
    users.push({
      id: user.id as string,
      userPrincipalName: user.userPrincipalName as string,
      email: u.email ?? null,
      password: u.password ?? null,
    });
    byLogin.set((u.email ?? (user.userPrincipalName as string)).toLowerCase(), user.id as string);
    byLogin.set(String(user.userPrincipalName).toLowerCase(), user.id as string);
  }

  const groups: SeededDirectory["groups"] = [];
  for (const g of spec.groups ?? []) {
    const group = newGroup(
      info,
      {
        displayName: g.displayName,
        description: g.description ?? null,
        mailEnabled: false,
        mailNickname: g.displayName.replace(/[^A-Za-z0-9-]/g, "").toLowerCase() || "group",
        securityEnabled: true,
        groupTypes: [],
      },
      now,
      ids,
    );
    tenant.collection(COLLECTIONS.groups).put(group.id as string, group);
    for (const login of g.members ?? []) {
      const memberId = byLogin.get(login.toLowerCase());
      if (memberId === undefined) throw new Error(`group ${g.displayName}: no seeded user ${login}`);
      const edge = memberEdgeId(group.id as string, memberId);
      tenant.collection(COLLECTIONS.groupMembers).put(edge, { groupId: group.id as string, memberId });
    }
    groups.push({ id: group.id as string, displayName: g.displayName });
  }

  return { organizationId: info.id, graphServicePrincipalId: graphSpId, apps, users, groups };
}
