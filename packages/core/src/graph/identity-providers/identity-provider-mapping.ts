/**
 * The identity provider's mapping: Graph's `identityProviderBase` and its subtypes (built-in, social,
 * Apple, OpenID Connect; api-surface 3.2), discriminated by `@odata.type`, in and out of ciamkit's
 * {@link IdentityProvider}; the create body of each kind, the PATCH body (where an OIDC provider keeps
 * its secret), and the natural key. Write-only secrets go out, never come back in.
 */
import { definedOnly, type GraphBody, odataType, type ResourceMapping, typeName } from "../mapping.ts";
import { type IdentityProvider, identityProviderSchema } from "./identity-provider-schema.ts";

/** A provider as Graph returns it: its `@odata.type` and the properties of that type. */
export type GraphIdentityProvider = Record<string, unknown>;

/** A provider to configure, by kind; each kind needs its own fields (checked by `identity_provider_create`). */
export interface IdentityProviderCreate {
  kind: "social" | "apple" | "oidc";
  displayName?: string | undefined;
  identityProviderType?: string | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  developerId?: string | undefined;
  serviceId?: string | undefined;
  keyId?: string | undefined;
  certificateData?: string | undefined;
  issuer?: string | undefined;
  wellKnownEndpoint?: string | undefined;
  scope?: string | undefined;
  responseType?: string | undefined;
}

/** What an update sets, with the provider's `type`: Graph wants the derived type on PATCH. */
export interface IdentityProviderChanges {
  type: string;
  displayName?: string | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  keyId?: string | undefined;
  certificateData?: string | undefined;
  developerId?: string | undefined;
  serviceId?: string | undefined;
  issuer?: string | undefined;
  wellKnownEndpoint?: string | undefined;
  scope?: string | undefined;
  responseType?: string | undefined;
}

const SECRET_FIELDS = new Set(["clientSecret", "certificateData", "clientAuthentication"]);
const OIDC = "oidcIdentityProvider";
/** An OIDC provider keeps its secret inside `clientAuthentication` (CSDL oidcClientSecretAuthentication). */
const oidcSecret = (clientSecret: string | undefined) => ({
  "@odata.type": odataType("oidcClientSecretAuthentication"),
  clientSecret,
});

/** Graph's provider in ciamkit's shape: the type without its namespace, secrets dropped. */
function fromGraph(raw: GraphIdentityProvider): IdentityProvider {
  const out: Record<string, unknown> = { type: typeName(raw["@odata.type"] as string | undefined) };
  for (const key of Object.keys(identityProviderSchema.shape)) {
    if (key !== "type" && !SECRET_FIELDS.has(key) && raw[key] !== undefined) out[key] = raw[key];
  }
  return out as IdentityProvider;
}

/** Graph's create body for each kind (api-surface 3.2). */
function toGraphCreate(i: IdentityProviderCreate): GraphBody {
  switch (i.kind) {
    case "social":
      return {
        "@odata.type": odataType("socialIdentityProvider"),
        displayName: i.displayName ?? i.identityProviderType,
        identityProviderType: i.identityProviderType,
        clientId: i.clientId,
        clientSecret: i.clientSecret,
      };
    case "apple":
      return {
        "@odata.type": odataType("appleManagedIdentityProvider"),
        displayName: i.displayName ?? "Sign in with Apple",
        developerId: i.developerId,
        serviceId: i.serviceId,
        keyId: i.keyId,
        certificateData: i.certificateData,
      };
    case "oidc":
      return {
        "@odata.type": odataType(OIDC),
        displayName: i.displayName,
        clientId: i.clientId,
        issuer: i.issuer,
        wellKnownEndpoint: i.wellKnownEndpoint,
        scope: i.scope,
        responseType: i.responseType,
        clientAuthentication: oidcSecret(i.clientSecret),
      };
  }
}

function toGraphPatch({ type, clientSecret, ...plain }: IdentityProviderChanges): GraphBody {
  return {
    "@odata.type": odataType(type),
    ...definedOnly(plain),
    ...(clientSecret === undefined
      ? {}
      : type === OIDC
        ? { clientAuthentication: oidcSecret(clientSecret) }
        : { clientSecret }),
  };
}

/**
 * The identity provider's mapping. Its natural key is the id for built-in, social and Apple providers
 * (`Google-OAUTH`: one per type, the same in every tenant), the display name for an OIDC provider
 * (whose id is a GUID made by the tenant); any casing.
 */
export const identityProviderMapping = {
  fromGraph,
  toGraphCreate,
  toGraphPatch,
  naturalKey: (provider: Pick<IdentityProvider, "id" | "type" | "displayName">) =>
    (provider.type === OIDC ? (provider.displayName ?? provider.id) : provider.id).toLowerCase(),
} satisfies ResourceMapping<
  GraphIdentityProvider,
  IdentityProvider,
  IdentityProviderCreate,
  IdentityProviderChanges
>;
