/**
 * The event listener's mapping: Graph's `authenticationEventListener` subtypes (one per event,
 * `#microsoft.graph.<event>Listener`; api-surface 5.2), their typed handler (the custom extension it
 * calls, or a fraud protection provider) and app conditions, in and out of ciamkit's flat
 * {@link EventListener}.
 */
import { InputError } from "../../input-error.ts";
import { type GraphBody, odataType, type ResourceMapping, typeName } from "../mapping.ts";
import { type EventListener, LISTENER_KINDS, type ListenerKind } from "./event-listener-schema.ts";

/** `authenticationEventListener` as Graph returns it. */
export interface GraphListener {
  "@odata.type"?: string;
  id: string;
  displayName?: string | null;
  authenticationEventsFlowId?: string | null;
  conditions?: { applications?: { includeApplications?: { appId: string }[] | null } | null } | null;
  handler?: {
    "@odata.type"?: string;
    customExtension?: { id?: string } | null;
    migrationPropertyId?: string | null;
    signUp?: { fraudProtectionProvider?: { "@odata.type"?: string; id?: string } | null } | null;
  } | null;
}

/** What a listener calls: a custom extension of its event, or (onFraudProtectionLoadStart) a provider. */
export interface ListenerTarget {
  customExtensionId?: string | undefined;
  /** onPasswordSubmit: the user attribute marking who still needs migrating. */
  migrationPropertyId?: string | undefined;
  fraudProvider?: { type: "arkose" | "humanSecurity"; id: string } | undefined;
}

/** A listener to create. */
export interface EventListenerCreate extends ListenerTarget {
  kind: ListenerKind;
  appIds: readonly string[];
  displayName?: string | undefined;
}

/** What an update sets, with the listener's kind as read (Graph wants the derived type on PATCH). */
export interface EventListenerChanges {
  kind: string;
  displayName?: string | undefined;
  appIds?: readonly string[] | undefined;
  customExtensionId?: string | undefined;
  migrationPropertyId?: string | undefined;
}

function fromGraph(g: GraphListener): EventListener {
  const type = typeName(g["@odata.type"]);
  return {
    id: g.id,
    kind: type.endsWith("Listener") ? type.slice(0, -"Listener".length) : type,
    displayName: g.displayName,
    appIds: (g.conditions?.applications?.includeApplications ?? []).map((a) => a.appId),
    customExtensionId: g.handler?.customExtension?.id ?? null,
    fraudProtectionProviderId: g.handler?.signUp?.fraudProtectionProvider?.id ?? null,
    ...(g.handler?.migrationPropertyId == null ? {} : { migrationPropertyId: g.handler.migrationPropertyId }),
    authenticationEventsFlowId: g.authenticationEventsFlowId,
  };
}

/** The handler of a kind: the bound extension (nested `{ id }`, as the docs send it) or the fraud provider. */
function handlerBody(kind: ListenerKind, target: ListenerTarget): GraphBody {
  const handler = odataType(LISTENER_KINDS[kind]);
  if (kind === "onPasswordSubmit") {
    if (target.migrationPropertyId === undefined)
      throw new InputError(
        "onPasswordSubmit needs migrationPropertyId (extension_<appIdWithoutDashes>_<Name>).",
      );
    return {
      "@odata.type": handler,
      migrationPropertyId: target.migrationPropertyId,
      customExtension: { id: target.customExtensionId },
    };
  }
  if (kind !== "onFraudProtectionLoadStart") {
    return { "@odata.type": handler, customExtension: { id: target.customExtensionId } };
  }
  const provider = target.fraudProvider;
  if (provider === undefined)
    throw new InputError("onFraudProtectionLoadStart needs a fraud protection provider.");
  return {
    "@odata.type": handler,
    signUp: {
      "@odata.type": odataType("fraudProtectionProviderConfiguration"),
      fraudProtectionProvider: {
        "@odata.type": odataType(`${provider.type}FraudProtectionProvider`),
        id: provider.id,
      },
    },
  };
}

/** The conditions naming the apps a listener applies to. */
const conditionsBody = (appIds: readonly string[]): GraphBody => ({
  applications: { includeApplications: appIds.map((appId) => ({ appId })) },
});

/**
 * The event listener's mapping. A listener has no name of its own to key it by: see
 * {@link eventListenerKey}, which keys it by what it calls.
 */
export const eventListenerMapping = {
  fromGraph,
  toGraphCreate: (spec: EventListenerCreate): GraphBody => ({
    "@odata.type": odataType(`${spec.kind}Listener`),
    ...(spec.displayName === undefined ? {} : { displayName: spec.displayName }),
    conditions: conditionsBody(spec.appIds),
    handler: handlerBody(spec.kind, spec),
  }),
  toGraphPatch: (changes: EventListenerChanges): GraphBody => ({
    "@odata.type": odataType(`${changes.kind}Listener`),
    ...(changes.displayName === undefined ? {} : { displayName: changes.displayName }),
    ...(changes.appIds === undefined ? {} : { conditions: conditionsBody(changes.appIds) }),
    ...(changes.customExtensionId === undefined && changes.migrationPropertyId === undefined
      ? {}
      : {
          // Graph replaces the handler whole: the caller passes the unchanged half as read.
          handler: handlerBody(changes.kind as ListenerKind, {
            customExtensionId: changes.customExtensionId,
            migrationPropertyId: changes.migrationPropertyId,
          }),
        }),
  }),
} satisfies ResourceMapping<GraphListener, EventListener, EventListenerCreate, EventListenerChanges>;

/**
 * A listener's natural key: its event and the natural key of the extension it calls (the fraud
 * provider's id for fraud protection), which `extensionKey` gives for an extension id. `undefined`
 * for a user flow's own listener (the flow owns it) or one whose extension has no key.
 */
export function eventListenerKey(
  listener: EventListener,
  extensionKey: (customExtensionId: string) => string | undefined,
): string | undefined {
  if (listener.authenticationEventsFlowId != null) return undefined;
  const target =
    listener.customExtensionId === null
      ? (listener.fraudProtectionProviderId ?? undefined)
      : extensionKey(listener.customExtensionId);
  return target === undefined ? undefined : `${listener.kind}/${target}`.toLowerCase();
}
