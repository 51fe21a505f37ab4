/**
 * The custom authentication extension's mapping: Graph's `customAuthenticationExtension` subtypes
 * (one per event, `#microsoft.graph.<event>CustomExtension`; api-surface 5.1) in and out of ciamkit's
 * flat {@link CustomExtension}: the endpoint, the protecting app's resource id, the client settings,
 * the error behaviour and the claims, each nested in its typed Graph object; the changes that converge
 * an extension; and its natural key.
 */
import { type GraphBody, odataType, type ResourceMapping } from "../mapping.ts";
import { type CustomExtension, EXTENSION_KINDS, type ExtensionKind } from "./custom-extension-schema.ts";

/** `customAuthenticationExtension` as Graph returns it (CSDL names). */
export interface GraphCustomExtension {
  "@odata.type"?: string;
  id: string;
  displayName?: string | null;
  description?: string | null;
  endpointConfiguration?: { "@odata.type"?: string; targetUrl?: string | null } | null;
  authenticationConfiguration?: { "@odata.type"?: string; resourceId?: string | null } | null;
  clientConfiguration?: { timeoutInMilliseconds?: number | null; maximumRetries?: number | null } | null;
  behaviorOnError?: { "@odata.type"?: string } | null;
  claimsForTokenConfiguration?: { claimIdInApiResponse?: string | null }[] | null;
}

/** The writable fields of an extension, flat; each is sent only when given. */
export interface CustomExtensionFields {
  displayName?: string | undefined;
  description?: string | null | undefined;
  targetUrl?: string | undefined;
  resourceId?: string | undefined;
  timeoutInMilliseconds?: number | undefined;
  maximumRetries?: number | undefined;
  fallbackToMicrosoftProviderOnError?: boolean | undefined;
  claims?: readonly string[] | undefined;
}

/** An extension to create: its event, name, endpoint and protecting app's resource id. */
export interface CustomExtensionCreate extends CustomExtensionFields {
  kind: ExtensionKind;
  displayName: string;
  targetUrl: string;
}

/** What an update sets, with the extension's kind as read (Graph wants the derived type on PATCH). */
export interface CustomExtensionChanges extends CustomExtensionFields {
  kind: string;
}

/** The `@odata.type` of a kind. */
export const extensionODataType = (kind: ExtensionKind): string => odataType(`${kind}CustomExtension`);

/** The kind of an `@odata.type`, if it is one of the v1.0 types. */
export function extensionKindOf(type: string | undefined): ExtensionKind | undefined {
  const m = /^#?microsoft\.graph\.(\w+)CustomExtension$/i.exec(type ?? "");
  return EXTENSION_KINDS.find((k) => k.toLowerCase() === m?.[1]?.toLowerCase());
}

/**
 * The resource id given, or the protecting app's from its client id: `api://{host of the target
 * URL}/{appId}` (Graph's required format); `undefined` when neither can be had.
 */
export function resourceIdOf(
  ref: { resourceId?: string | undefined; appId?: string | undefined },
  targetUrl: string | null | undefined,
): string | undefined {
  if (ref.resourceId !== undefined) return ref.resourceId;
  return ref.appId === undefined || targetUrl == null
    ? undefined
    : `api://${new URL(targetUrl).host}/${ref.appId}`;
}

function fromGraph(g: GraphCustomExtension): CustomExtension {
  return {
    id: g.id,
    kind: extensionKindOf(g["@odata.type"]) ?? String(g["@odata.type"] ?? "unknown"),
    displayName: g.displayName,
    description: g.description,
    targetUrl: g.endpointConfiguration?.targetUrl,
    resourceId: g.authenticationConfiguration?.resourceId,
    timeoutInMilliseconds: g.clientConfiguration?.timeoutInMilliseconds,
    maximumRetries: g.clientConfiguration?.maximumRetries,
    fallbackToMicrosoftProviderOnError: /fallbackToMicrosoftProviderOnError/i.test(
      g.behaviorOnError?.["@odata.type"] ?? "",
    ),
    claims: (g.claimsForTokenConfiguration ?? [])
      .map((c) => c.claimIdInApiResponse ?? "")
      .filter((c) => c !== ""),
  };
}

/** The Graph properties the given fields set, each in its typed object. */
export function extensionFieldsBody(f: CustomExtensionFields): GraphBody {
  const body: GraphBody = {};
  if (f.displayName !== undefined) body.displayName = f.displayName;
  if (f.description !== undefined) body.description = f.description;
  if (f.targetUrl !== undefined)
    body.endpointConfiguration = { "@odata.type": odataType("httpRequestEndpoint"), targetUrl: f.targetUrl };
  if (f.resourceId !== undefined)
    body.authenticationConfiguration = {
      "@odata.type": odataType("azureAdTokenAuthentication"),
      resourceId: f.resourceId,
    };
  if (f.timeoutInMilliseconds !== undefined || f.maximumRetries !== undefined) {
    body.clientConfiguration = {
      ...(f.timeoutInMilliseconds === undefined ? {} : { timeoutInMilliseconds: f.timeoutInMilliseconds }),
      ...(f.maximumRetries === undefined ? {} : { maximumRetries: f.maximumRetries }),
    };
  }
  if (f.fallbackToMicrosoftProviderOnError !== undefined) {
    body.behaviorOnError = f.fallbackToMicrosoftProviderOnError
      ? { "@odata.type": odataType("fallbackToMicrosoftProviderOnError") }
      : null;
  }
  if (f.claims !== undefined)
    body.claimsForTokenConfiguration = f.claims.map((c) => ({ claimIdInApiResponse: c }));
  return body;
}

/** The derived type to PATCH with: a known kind's, else (a type ciamkit does not know) the type as read. */
function patchType(kind: string): string {
  const known = extensionKindOf(odataType(`${kind}CustomExtension`));
  return known === undefined ? kind : extensionODataType(known);
}

/**
 * The custom extension's mapping. Its natural key is its event and display name (`custom_extension_wire`
 * finds an extension by both), in any casing.
 */
export const customExtensionMapping = {
  fromGraph,
  toGraphCreate: ({ kind, ...fields }: CustomExtensionCreate): GraphBody => ({
    "@odata.type": extensionODataType(kind),
    ...extensionFieldsBody(fields),
  }),
  toGraphPatch: ({ kind, ...fields }: CustomExtensionChanges): GraphBody => ({
    "@odata.type": patchType(kind),
    ...extensionFieldsBody(fields),
  }),
  naturalKey: (extension: Pick<CustomExtension, "kind" | "displayName">) =>
    `${extension.kind}/${extension.displayName ?? ""}`.toLowerCase(),
} satisfies ResourceMapping<
  GraphCustomExtension,
  CustomExtension,
  CustomExtensionCreate,
  CustomExtensionChanges
>;

/**
 * The fields of `desired` that differ from the stored extension, in a fixed order: the endpoint and
 * resource id always count, the others only when `desired` gives them. Empty when it already is so.
 */
export function customExtensionChanges(
  stored: CustomExtension,
  desired: CustomExtensionFields & { targetUrl: string; resourceId: string },
): CustomExtensionFields {
  const changes: CustomExtensionFields = {};
  if (stored.targetUrl !== desired.targetUrl) changes.targetUrl = desired.targetUrl;
  if (stored.resourceId !== desired.resourceId) changes.resourceId = desired.resourceId;
  if (desired.description !== undefined && (stored.description ?? null) !== desired.description)
    changes.description = desired.description;
  if (
    desired.timeoutInMilliseconds !== undefined &&
    stored.timeoutInMilliseconds !== desired.timeoutInMilliseconds
  )
    changes.timeoutInMilliseconds = desired.timeoutInMilliseconds;
  if (desired.maximumRetries !== undefined && stored.maximumRetries !== desired.maximumRetries)
    changes.maximumRetries = desired.maximumRetries;
  if (
    desired.fallbackToMicrosoftProviderOnError !== undefined &&
    stored.fallbackToMicrosoftProviderOnError !== desired.fallbackToMicrosoftProviderOnError
  )
    changes.fallbackToMicrosoftProviderOnError = desired.fallbackToMicrosoftProviderOnError;
  if (desired.claims !== undefined && JSON.stringify(stored.claims) !== JSON.stringify(desired.claims))
    changes.claims = desired.claims;
  return changes;
}
