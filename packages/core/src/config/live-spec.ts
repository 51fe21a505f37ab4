/**
 * The tenant's live state in the spec's terms: each managed object under its natural key with the
 * settings a spec states, ids kept beside it for plan and apply, and the lookups between names and
 * ids that references need (an attribute's name and id, a provider's key and id, an app's name and
 * client id).
 */
import type { IdentityProvider } from "../graph/identity-providers/identity-provider-schema.ts";
import { userFlowAttributeMapping } from "../graph/user-flow-attributes/user-flow-attribute-mapping.ts";
import type { UserFlow } from "../graph/user-flows/user-flow-schema.ts";
import { exposedSpec } from "./application-exposure.ts";
import { brandingSpec } from "./branding-kind.ts";
import { extensionSpec, listenerSpecs } from "./extension-kinds.ts";
import { normalizeApplication, normalizeFlow } from "./normalize.ts";
import { livePermissions } from "./permission-names.ts";
import { envPlaceholder, secretEnvName } from "./secrets.ts";
import type {
  ApplicationSpec,
  AttributeSpec,
  BrandingSpec,
  CustomExtensionSpec,
  EventListenerSpec,
  GroupSpec,
  IdentityProviderSpec,
  Kind,
  TenantSpec,
  UserFlowSpec,
} from "./spec-schema.ts";
import type { TenantState } from "./tenant-state.ts";
import { liveTrustFramework } from "./trust-framework-kind.ts";
import type { KeySetSpec, PolicySpec } from "./trust-framework-spec.ts";

/** One live object: its key as the tenant spells it, its id, and its settings as a spec states them. */
export interface LiveObject<S> {
  key: string;
  id: string;
  spec: S;
}

/** Each kind's live objects by lower-case key; a key two objects share lists both. */
export type LiveKind<S> = Map<string, LiveObject<S>[]>;

/** The tenant in spec terms. */
export interface LiveSpec {
  userFlowAttributes: LiveKind<AttributeSpec>;
  identityProviders: LiveKind<IdentityProviderSpec>;
  applications: LiveKind<ApplicationSpec>;
  groups: LiveKind<GroupSpec>;
  branding: LiveKind<BrandingSpec>;
  customExtensions: LiveKind<CustomExtensionSpec>;
  eventListeners: LiveKind<EventListenerSpec>;
  userFlows: LiveKind<UserFlowSpec>;
  trustFrameworkKeySets: LiveKind<KeySetSpec>;
  trustFrameworkPolicies: LiveKind<PolicySpec>;
  /** The live provider's Graph type (`socialIdentityProvider`), for PATCH. */
  providerType: Map<string, string>;
  refs: References;
}

/** Name ↔ id lookups of what flows and apps reference. */
export interface References {
  attributeName(id: string): string;
  providerKey(id: string): string;
  appName(appId: string): string;
  extensionName(id: string): string;
  appIdByName: Map<string, string>;
}

const BUILT_IN = "builtInIdentityProvider";

/**
 * The app Entra keeps custom attributes on (`b2c-extensions-app. Do not modify. …`): every tenant has
 * its own, made by the service; it is never exported or managed.
 */
export const isExtensionsApp = (displayName: string | null | undefined): boolean =>
  (displayName ?? "").toLowerCase().startsWith("b2c-extensions-app");

function add<S>(map: LiveKind<S>, object: LiveObject<S>): void {
  const k = object.key.toLowerCase();
  map.set(k, [...(map.get(k) ?? []), object]);
}

const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;

/** The provider's key: Graph's id for social and Apple ones, the display name for OIDC ones. */
const providerKey = (p: IdentityProvider) =>
  p.type === "oidcIdentityProvider" ? (p.displayName ?? p.id) : p.id;

function providerSpec(p: IdentityProvider): IdentityProviderSpec | undefined {
  const secret = (field: string) => envPlaceholder(secretEnvName("identityProviders", providerKey(p), field));
  switch (p.type) {
    case "socialIdentityProvider":
      return defined({
        kind: "social" as const,
        identityProviderType: p.identityProviderType ?? "",
        displayName: p.displayName ?? undefined,
        clientId: p.clientId ?? "",
        clientSecret: secret("clientSecret"),
      });
    case "appleManagedIdentityProvider":
      return defined({
        kind: "apple" as const,
        displayName: p.displayName ?? undefined,
        developerId: p.developerId ?? "",
        serviceId: p.serviceId ?? "",
        keyId: p.keyId ?? "",
        certificateData: secret("certificateData"),
      });
    case "oidcIdentityProvider":
      return defined({
        kind: "oidc" as const,
        clientId: p.clientId ?? "",
        clientSecret: secret("clientSecret"),
        issuer: p.issuer ?? "",
        wellKnownEndpoint: p.wellKnownEndpoint ?? "",
        scope: p.scope ?? undefined,
        responseType: (p.responseType ?? undefined) as "code" | undefined,
      });
    default:
      return undefined;
  }
}

function flowSpec(flow: UserFlow, refs: References): UserFlowSpec {
  const page =
    flow.page === null || flow.page.views.length === 0
      ? undefined
      : {
          views: flow.page.views.map((view) =>
            defined({
              title: view.title ?? undefined,
              description: view.description ?? undefined,
              inputs: view.inputs.map((input) =>
                defined({
                  attribute: refs.attributeName(input.attribute),
                  label: input.label,
                  inputType: input.inputType,
                  required: input.required ?? undefined,
                  hidden: input.hidden ?? undefined,
                  editable: input.editable ?? undefined,
                  writeToDirectory: input.writeToDirectory ?? undefined,
                  validationRegEx: input.validationRegEx ?? undefined,
                  defaultValue: input.defaultValue ?? undefined,
                  options: input.options.length === 0 ? undefined : input.options,
                }),
              ),
            }),
          ),
        };
  return normalizeFlow(
    defined({
      description: flow.description === "" ? undefined : (flow.description ?? undefined),
      signUpAllowed: flow.signUpAllowed,
      identityProviders: flow.identityProviders.map(refs.providerKey),
      attributes: flow.attributes.map(refs.attributeName),
      page,
      applications: flow.applications.map(refs.appName),
      attributeCollectionStartExtension:
        flow.attributeCollectionStartExtensionId === null
          ? undefined
          : refs.extensionName(flow.attributeCollectionStartExtensionId),
      attributeCollectionSubmitExtension:
        flow.attributeCollectionSubmitExtensionId === null
          ? undefined
          : refs.extensionName(flow.attributeCollectionSubmitExtensionId),
    }),
  );
}

/** The tenant's state in spec terms. */
export function liveSpec(state: TenantState): LiveSpec {
  const byId = <T extends { id: string }>(items: readonly T[]) =>
    new Map(items.map((i) => [i.id.toLowerCase(), i]));
  const attributes = byId(state.attributes);
  const providers = byId(state.providers);
  const apps = new Map(
    state.applications.flatMap((a) => (a.appId == null ? [] : [[a.appId.toLowerCase(), a]])),
  );
  const refs: References = {
    attributeName: (id) => {
      const a = attributes.get(id.toLowerCase());
      return a?.userFlowAttributeType === "custom" ? (a.displayName ?? id) : (a?.id ?? id);
    },
    providerKey: (id) => {
      const p = providers.get(id.toLowerCase());
      return p === undefined ? id : providerKey(p);
    },
    appName: (appId) => apps.get(appId.toLowerCase())?.displayName ?? appId,
    extensionName: (id) =>
      state.extensions.find((e) => e.id.toLowerCase() === id.toLowerCase())?.displayName ?? id,
    appIdByName: new Map(
      state.applications.flatMap((a) =>
        a.displayName == null || a.appId == null ? [] : [[a.displayName.toLowerCase(), a.appId]],
      ),
    ),
  };
  const live: LiveSpec = {
    userFlowAttributes: new Map(),
    identityProviders: new Map(),
    applications: new Map(),
    groups: new Map(),
    branding: new Map(),
    customExtensions: new Map(),
    eventListeners: new Map(),
    userFlows: new Map(),
    ...liveTrustFramework(state.trustFramework),
    providerType: new Map(),
    refs,
  };
  for (const a of state.attributes) {
    if (a.userFlowAttributeType !== "custom") continue;
    add(live.userFlowAttributes, {
      key: a.displayName ?? userFlowAttributeMapping.naturalKey(a),
      id: a.id,
      spec: defined({
        dataType: a.dataType as AttributeSpec["dataType"],
        description: a.description === "" ? undefined : (a.description ?? undefined),
      }),
    });
  }
  for (const p of state.providers) {
    if (p.type === BUILT_IN) continue;
    const spec = providerSpec(p);
    if (spec === undefined) continue;
    add(live.identityProviders, { key: providerKey(p), id: p.id, spec });
    live.providerType.set(p.id, p.type);
  }
  for (const app of state.applications) {
    if (isExtensionsApp(app.displayName)) continue;
    const requiredPermissions = livePermissions(
      app.requiredResourceAccess ?? [],
      state.resources,
      refs.appName,
    );
    add(live.applications, {
      key: app.displayName ?? app.id,
      id: app.id,
      spec: normalizeApplication(
        defined({
          signInAudience: (app.signInAudience ?? undefined) as ApplicationSpec["signInAudience"],
          web: app.web?.redirectUris?.length ? { redirectUris: app.web.redirectUris } : undefined,
          spa: app.spa?.redirectUris?.length ? { redirectUris: app.spa.redirectUris } : undefined,
          requiredPermissions,
          ...exposedSpec(app),
        }),
      ),
    });
  }
  for (const g of state.groups) {
    add(live.groups, {
      key: g.displayName ?? g.id,
      id: g.id,
      spec: defined({ description: g.description === "" ? undefined : (g.description ?? undefined) }),
    });
  }
  const knownApp = (appId: string) => apps.get(appId.toLowerCase())?.displayName ?? undefined;
  for (const e of state.extensions) {
    const spec = extensionSpec(e, knownApp);
    if (spec !== undefined) add(live.customExtensions, { key: e.displayName ?? e.id, id: e.id, spec });
  }
  for (const l of listenerSpecs(state, refs.appName, refs.attributeName)) add(live.eventListeners, l);
  for (const b of state.branding) {
    const { key, spec } = brandingSpec(b, state.brandingFiles.get(b.id));
    add(live.branding, { key, id: b.id, spec });
  }
  for (const f of state.flows) add(live.userFlows, { key: f.displayName, id: f.id, spec: flowSpec(f, refs) });
  return live;
}

/** The objects of a kind two or more live objects share a key in: `name (id, id)`. */
export function duplicates(live: LiveSpec, kind: Kind): string[] {
  return [...live[kind].values()]
    .filter((objects) => objects.length > 1)
    .map(
      (objects) =>
        `${kind} '${objects[0]?.key}' matches ${objects.length} objects: ${objects.map((o) => o.id).join(", ")}`,
    );
}

/** The live state as a spec (kinds given, or all), ordered by key. */
export function liveAsSpec(live: LiveSpec, kinds: readonly Kind[]): TenantSpec {
  const spec: Record<string, unknown> = {};
  for (const kind of kinds) {
    const objects = [...live[kind].values()]
      .flat()
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    spec[kind] = Object.fromEntries(objects.map((o) => [o.key, o.spec]));
  }
  return spec as TenantSpec;
}
