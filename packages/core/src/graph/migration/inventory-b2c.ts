/**
 * Reads an Azure AD B2C tenant and reports what moves to External ID and how (issue 16, item 1):
 * users by sign-in type (from their identities, one paged read with `$select`), custom attributes and
 * how many users set each, identity providers, custom policies, apps with their redirect URIs, the
 * b2c-extensions-app, and the features External ID has no equivalent for.
 */
import { paginate } from "../../http/paginate.ts";
import type { ServiceClient } from "../../http/service-client.ts";
import { applicationMapping, type GraphApplication } from "../applications/application-mapping.ts";
import { listProviders } from "../identity-providers/identity-providers-client.ts";
import { getPolicyXml, listPolicies } from "../trust-framework/trust-framework-client.ts";
import { listAttributes } from "../user-flow-attributes/user-flow-attributes-client.ts";
import { gapsOf } from "./b2c-gaps.ts";
import type { Inventory } from "./inventory-schema.ts";

/** The Graph permissions an inventory reads with. */
export const INVENTORY_PERMISSIONS = [
  "User.Read.All",
  "Application.Read.All",
  "IdentityProvider.Read.All",
  "IdentityUserFlow.Read.All",
  "Policy.Read.All",
];

/** The tenant an inventory reads: a `CiamClient` of the B2C tenant, or an operation's context. */
export interface InventorySource {
  graph: ServiceClient;
  graphBeta: ServiceClient;
  tenantId: string;
}

interface GraphIdentity {
  signInType?: string | null;
  issuer?: string | null;
}

const isExtensionsApp = (name: string | null | undefined) =>
  (name ?? "").toLowerCase().startsWith("b2c-extensions-app");

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** Counts users by identity and by custom attribute set, reading only those properties. */
async function countUsers(graph: ServiceClient, properties: readonly string[], signal?: AbortSignal) {
  const users = { total: 0, bySignInType: {}, federatedByIssuer: {}, localAccounts: 0, socialOnly: 0 };
  const withValue = new Map(properties.map((p) => [p, 0]));
  const requiredPermissions = INVENTORY_PERMISSIONS;
  const query = { $select: ["id", "identities", ...properties].join(","), $top: 999 };
  for await (const user of paginate<Record<string, unknown>>(graph, "/users", {
    query,
    signal,
    requiredPermissions,
  })) {
    users.total++;
    const identities = (user.identities ?? []) as GraphIdentity[];
    const local = identities.filter((i) =>
      ["emailAddress", "userName", "phoneNumber"].includes(i.signInType ?? ""),
    );
    for (const type of new Set(local.map((i) => i.signInType ?? ""))) bump(users.bySignInType, type);
    const social = identities.filter((i) => i.signInType === "federated");
    for (const issuer of new Set(social.map((i) => i.issuer ?? "unknown")))
      bump(users.federatedByIssuer, issuer);
    if (local.length > 0) users.localAccounts++;
    else if (social.length > 0) users.socialOnly++;
    for (const p of properties) if (user[p] != null) withValue.set(p, (withValue.get(p) ?? 0) + 1);
  }
  return { users, withValue };
}

/** What a custom policy uses: its orchestration steps and technical profiles by protocol. */
function policyFeatures(id: string, xml: string): Inventory["customPolicies"][number] {
  const technicalProfiles: Record<string, number> = {};
  for (const m of xml.matchAll(/<Protocol\s+Name="([^"]+)"/g)) bump(technicalProfiles, m[1] ?? "");
  return { id, orchestrationSteps: xml.match(/<OrchestrationStep\b/g)?.length ?? 0, technicalProfiles };
}

/** Reads a B2C tenant and reports what moves to External ID and how; nothing is written. */
export async function inventoryB2cTenant(
  source: InventorySource,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<Inventory> {
  const { signal } = options;
  const [attributes, providers, policyIds, apps] = await Promise.all([
    listAttributes(source.graph, { type: "custom", signal }),
    listProviders(source.graph, { signal }),
    listPolicies(source.graphBeta, { signal }),
    (async () => {
      const all: GraphApplication[] = [];
      const query = { $select: "id,appId,displayName,web,spa,publicClient", $top: 999 };
      for await (const app of paginate<GraphApplication>(source.graph, "/applications", { query, signal }))
        all.push(app);
      return all.map(applicationMapping.fromGraph);
    })(),
  ]);
  const { users, withValue } = await countUsers(
    source.graph,
    attributes.map((a) => a.id),
    signal,
  );
  const customPolicies = [];
  for (const id of policyIds)
    customPolicies.push(policyFeatures(id, await getPolicyXml(source.graphBeta, id, { signal })));
  const extensionsApp = apps.find((a) => isExtensionsApp(a.displayName));
  const inventory: Omit<Inventory, "gaps"> = {
    tenantId: source.tenantId,
    users,
    customAttributes: attributes.map((a) => ({
      name: a.displayName ?? a.id,
      dataType: a.dataType,
      property: a.id,
      usersWithValue: withValue.get(a.id) ?? 0,
    })),
    identityProviders: providers.map((p) => ({
      id: p.id,
      type: p.identityProviderType ?? p.type,
    })),
    customPolicies,
    apps: apps
      .filter((a) => a !== extensionsApp)
      .map((a) => ({
        appId: a.appId,
        displayName: a.displayName,
        redirectUris: [
          ...(a.web?.redirectUris ?? []),
          ...(a.spa?.redirectUris ?? []),
          ...(a.publicClient?.redirectUris ?? []),
        ],
      })),
    extensionsAppId: extensionsApp?.appId ?? null,
  };
  return { ...inventory, gaps: gapsOf(inventory) };
}
