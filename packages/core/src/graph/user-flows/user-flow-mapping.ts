/**
 * The user flow's mapping: Graph's `externalUsersSelfServiceSignUpEventsFlow` (api-surface 2), its
 * handlers and their `@odata.type`s, in and out of ciamkit's flat {@link UserFlow}; the create and
 * PATCH bodies every user-flow operation sends; the changes that converge a flow; and the shapes of a
 * flow's linked apps, identity providers and attributes. Nothing else in the area builds a flow body.
 */
import { definedOnly, type GraphBody, odataType, pick, type ResourceMapping, typeName } from "../mapping.ts";
import { pageAttributes } from "./flow-page.ts";
import { INPUT_SETTINGS, pageMatches, setDiff } from "./flow-setup-plan.ts";
import type { FlowAttribute, FlowProvider, PageInput, UserFlow } from "./user-flow-schema.ts";

/** The flow's discriminator: Graph requires it on every write (and the handlers' own on theirs). */
const FLOW_TYPE = odataType("externalUsersSelfServiceSignUpEventsFlow");
const HANDLER_TYPES = {
  onInteractiveAuthFlowStart: odataType("onInteractiveAuthFlowStartExternalUsersSelfServiceSignUp"),
  onAuthenticationMethodLoadStart: odataType("onAuthenticationMethodLoadStartExternalUsersSelfServiceSignUp"),
  onAttributeCollection: odataType("onAttributeCollectionExternalUsersSelfServiceSignUp"),
  onUserCreateStart: odataType("onUserCreateStartExternalUsersSelfServiceSignUp"),
  onAttributeCollectionStart: odataType("onAttributeCollectionStartCustomExtensionHandler"),
  onAttributeCollectionSubmit: odataType("onAttributeCollectionSubmitCustomExtensionHandler"),
} as const;

type StoredPage = NonNullable<UserFlow["page"]>;
type StoredInput = StoredPage["views"][number]["inputs"][number];

interface GraphRef {
  id?: string;
}
/** `authenticationAttributeCollectionInputConfiguration` as Graph returns it. */
interface GraphPageInput extends Omit<StoredInput, "options"> {
  options?: { label: string; value: string }[] | null;
}
interface GraphHandler {
  "@odata.type"?: string;
  isSignUpAllowed?: boolean;
  identityProviders?: GraphRef[];
  attributes?: GraphRef[];
  attributeCollectionPage?: {
    views?: { title?: string | null; description?: string | null; inputs?: GraphPageInput[] }[];
  } | null;
  userTypeToCreate?: string | null;
  customExtension?: GraphRef | null;
}
/** A flow as Graph returns it. */
export interface GraphUserFlow {
  id: string;
  displayName: string;
  description?: string | null;
  priority?: number | null;
  conditions?: { applications?: { includeApplications?: { appId: string }[] } | null } | null;
  onInteractiveAuthFlowStart?: GraphHandler | null;
  onAuthenticationMethodLoadStart?: GraphHandler | null;
  onAttributeCollection?: GraphHandler | null;
  onUserCreateStart?: GraphHandler | null;
  onAttributeCollectionStart?: GraphHandler | null;
  onAttributeCollectionSubmit?: GraphHandler | null;
}

/** A flow to create, attributes by id; `attributes` defaults to those the page names. */
export interface UserFlowCreate {
  displayName: string;
  description?: string | undefined;
  signUpAllowed: boolean;
  identityProviders: readonly string[];
  applications?: readonly string[] | undefined;
  attributes?: readonly string[] | undefined;
  page?: PageInput | undefined;
  userTypeToCreate?: "member" | "guest" | undefined;
  attributeCollectionStartExtensionId?: string | undefined;
  attributeCollectionSubmitExtensionId?: string | undefined;
}

/**
 * What an update sets, each field only when given: providers and apps replace the lists, the page
 * replaces the page whole (its attributes must be the flow's), a null extension id removes the handler.
 */
export interface UserFlowChanges {
  displayName?: string | undefined;
  description?: string | null | undefined;
  signUpAllowed?: boolean | undefined;
  identityProviders?: readonly string[] | undefined;
  applications?: readonly string[] | undefined;
  page?: PageInput | undefined;
  attributeCollectionStartExtensionId?: string | null | undefined;
  attributeCollectionSubmitExtensionId?: string | null | undefined;
}

const ids = (refs: GraphRef[] | undefined): string[] =>
  (refs ?? []).flatMap((r) => (r.id === undefined ? [] : [r.id]));
const unique = (values: readonly string[]): string[] => [...new Set(values)];
const INPUT_FIELDS = ["attribute", ...INPUT_SETTINGS, "defaultValue"] as const;

/** Graph's flow in ciamkit's shape. */
function fromGraph(raw: GraphUserFlow): UserFlow {
  const collection = raw.onAttributeCollection ?? null;
  const views = collection?.attributeCollectionPage?.views;
  const userType = raw.onUserCreateStart?.userTypeToCreate;
  return {
    id: raw.id,
    displayName: raw.displayName,
    description: raw.description ?? null,
    priority: raw.priority ?? null,
    signUpAllowed: raw.onInteractiveAuthFlowStart?.isSignUpAllowed ?? true,
    identityProviders: ids(raw.onAuthenticationMethodLoadStart?.identityProviders),
    applications: (raw.conditions?.applications?.includeApplications ?? []).map((a) => a.appId),
    attributes: ids(collection?.attributes),
    page:
      views === undefined
        ? null
        : {
            views: views.map((view) => ({
              ...pick(view, ["title", "description"]),
              inputs: (view.inputs ?? []).map((input) => ({
                ...pick(input, INPUT_FIELDS),
                options: (input.options ?? []).map(({ label, value }) => ({ label, value })),
              })),
            })),
          },
    userTypeToCreate: userType === "member" || userType === "guest" ? userType : null,
    attributeCollectionStartExtensionId: raw.onAttributeCollectionStart?.customExtension?.id ?? null,
    attributeCollectionSubmitExtensionId: raw.onAttributeCollectionSubmit?.customExtension?.id ?? null,
  };
}

/** Graph's page from ciamkit's page input (`inputType` in Graph's spelling; a missing label: the attribute). */
function pageBody(page: PageInput): GraphBody {
  return {
    views: page.views.map((v) => ({
      ...v,
      inputs: v.inputs.map((i) => ({ ...i, label: i.label ?? i.attribute })),
    })),
  };
}

/** The flow's type and the settings create and PATCH share, each only when given. */
function settingsBody(f: UserFlowChanges): GraphBody {
  return {
    "@odata.type": FLOW_TYPE,
    ...definedOnly({ displayName: f.displayName, description: f.description }),
    ...(f.signUpAllowed === undefined
      ? {}
      : {
          onInteractiveAuthFlowStart: {
            "@odata.type": HANDLER_TYPES.onInteractiveAuthFlowStart,
            isSignUpAllowed: f.signUpAllowed,
          },
        }),
    ...(f.identityProviders === undefined
      ? {}
      : {
          onAuthenticationMethodLoadStart: {
            "@odata.type": HANDLER_TYPES.onAuthenticationMethodLoadStart,
            identityProviders: unique(f.identityProviders).map((id) => ({ id })),
          },
        }),
    ...(f.applications === undefined
      ? {}
      : {
          conditions: {
            applications: { includeApplications: unique(f.applications).map((appId) => ({ appId })) },
          },
        }),
  };
}

/** The custom-extension handlers: bound to the extension id, or null (PATCH only) to remove one. */
function extensionHandlers(f: UserFlowChanges): GraphBody {
  const out: GraphBody = {};
  const given = [
    ["onAttributeCollectionStart", f.attributeCollectionStartExtensionId],
    ["onAttributeCollectionSubmit", f.attributeCollectionSubmitExtensionId],
  ] as const;
  for (const [handler, id] of given) {
    if (id === undefined) continue;
    out[handler] = id === null ? null : { "@odata.type": HANDLER_TYPES[handler], customExtension: { id } };
  }
  return out;
}

function toGraphCreate(spec: UserFlowCreate): GraphBody {
  const attributes = spec.attributes ?? (spec.page === undefined ? [] : pageAttributes(spec.page));
  return {
    ...settingsBody(spec),
    // onAttributeCollection can be PATCHed later only if it is set now (api-surface 2.5).
    ...(attributes.length === 0
      ? {}
      : {
          onAttributeCollection: {
            "@odata.type": HANDLER_TYPES.onAttributeCollection,
            attributes: attributes.map((id) => ({ id })),
            ...(spec.page === undefined ? {} : { attributeCollectionPage: pageBody(spec.page) }),
          },
        }),
    ...(spec.userTypeToCreate === undefined
      ? {}
      : {
          onUserCreateStart: {
            "@odata.type": HANDLER_TYPES.onUserCreateStart,
            userTypeToCreate: spec.userTypeToCreate,
          },
        }),
    ...extensionHandlers(spec),
  };
}

function toGraphPatch(changes: UserFlowChanges): GraphBody {
  return {
    ...settingsBody(changes),
    // The page's inputs are replaced wholesale (api-surface 2.5).
    ...(changes.page === undefined
      ? {}
      : {
          onAttributeCollection: {
            "@odata.type": HANDLER_TYPES.onAttributeCollection,
            attributeCollectionPage: pageBody(changes.page),
          },
        }),
    ...extensionHandlers(changes),
  };
}

/** The user flow's mapping; its natural key is the display name (unique in a tenant, any casing). */
export const userFlowMapping = {
  fromGraph,
  toGraphCreate,
  toGraphPatch,
  naturalKey: (flow: Pick<UserFlow, "displayName">) => flow.displayName.toLowerCase(),
} satisfies ResourceMapping<GraphUserFlow, UserFlow, UserFlowCreate, UserFlowChanges>;

/**
 * The changes that make `current` the `desired` flow: the desired fields that differ, providers and
 * apps compared as sets (any casing), the page as far as `desired` states it, an empty description
 * as none. Empty when the flow already is as desired.
 */
export function userFlowChanges(current: UserFlow, desired: UserFlowChanges): UserFlowChanges {
  const changes: UserFlowChanges = {};
  const differs = (a: readonly string[], b: readonly string[] | undefined) => {
    if (b === undefined) return false;
    const diff = setDiff(a, b);
    return diff.add.length + diff.remove.length > 0;
  };
  if (desired.displayName !== undefined && current.displayName !== desired.displayName)
    changes.displayName = desired.displayName;
  if (desired.description !== undefined && (current.description ?? "") !== (desired.description ?? ""))
    changes.description = desired.description;
  if (desired.signUpAllowed !== undefined && current.signUpAllowed !== desired.signUpAllowed)
    changes.signUpAllowed = desired.signUpAllowed;
  if (differs(current.identityProviders, desired.identityProviders))
    changes.identityProviders = desired.identityProviders;
  if (differs(current.applications, desired.applications)) changes.applications = desired.applications;
  if (desired.page !== undefined && !pageMatches(current.page, desired.page)) changes.page = desired.page;
  for (const key of [
    "attributeCollectionStartExtensionId",
    "attributeCollectionSubmitExtensionId",
  ] as const) {
    if (desired[key] !== undefined && current[key] !== desired[key]) changes[key] = desired[key];
  }
  return changes;
}

/** An application linked to a flow, as Graph's `includeApplications` takes it. */
export const flowAppBody = (appId: string): GraphBody => ({
  "@odata.type": odataType("authenticationConditionApplication"),
  appId,
});

/** An identity provider of a flow as Graph lists it, in ciamkit's shape (its type without namespace). */
export function flowProviderFromGraph(raw: {
  "@odata.type"?: string;
  id: string;
  displayName?: string | null;
  identityProviderType?: string | null;
}): FlowProvider {
  return {
    id: raw.id,
    type: typeName(raw["@odata.type"]),
    displayName: raw.displayName,
    identityProviderType: raw.identityProviderType,
  };
}

/** An attribute of a flow as Graph lists it, in ciamkit's shape. */
export function flowAttributeFromGraph(raw: {
  id: string;
  displayName?: string | null;
  dataType: string;
  userFlowAttributeType: string;
}): FlowAttribute {
  return pick(raw, ["id", "displayName", "dataType", "userFlowAttributeType"]);
}
