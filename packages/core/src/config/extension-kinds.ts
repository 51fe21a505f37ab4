/**
 * Custom authentication extensions and the event listeners that call them, in spec terms: an
 * extension keyed by display name, its protecting app by name (the resource id `api://{host}/{appId}`
 * is made per tenant); a listener keyed by the name of the extension it calls, its apps by name. A
 * user flow's own listeners (the flow owns them) and fraud-protection listeners are not managed. An
 * onPasswordSubmit listener names its migration flag by the custom attribute's name.
 */
import { customExtensionMapping } from "../graph/custom-extensions/custom-extension-mapping.ts";
import type { CustomExtension, ExtensionKind } from "../graph/custom-extensions/custom-extension-schema.ts";
import { EXTENSION_KINDS } from "../graph/custom-extensions/custom-extension-schema.ts";
import {
  createCustomExtension,
  deleteCustomExtension,
  updateCustomExtension,
} from "../graph/custom-extensions/custom-extensions-client.ts";
import { eventListenerMapping } from "../graph/event-listeners/event-listener-mapping.ts";
import type { ListenerKind } from "../graph/event-listeners/event-listener-schema.ts";
import {
  createEventListener,
  deleteEventListener,
  updateEventListener,
} from "../graph/event-listeners/event-listeners-client.ts";
import type { ServiceClient } from "../http/service-client.ts";
import { sortedSet } from "./normalize.ts";
import type { CustomExtensionSpec, EventListenerSpec } from "./spec-schema.ts";
import type { TenantState } from "./tenant-state.ts";

/** The listener kind that calls an extension of an event (`onOtpSend` → `onEmailOtpSend`); none for some. */
export function listenerKindOf(event: string): ListenerKind | undefined {
  if (event === "onOtpSend") return "onEmailOtpSend";
  return (
    [
      "onTokenIssuanceStart",
      "onAttributeCollectionStart",
      "onAttributeCollectionSubmit",
      "onVerifiedIdClaimValidation",
      "onPasswordSubmit",
    ] as const
  ).find((k) => k === event);
}

const RESOURCE = /^api:\/\/([^/]+)\/([0-9a-f-]{36})$/i;

/** The resource id of an extension spec: as given, or `api://{host of targetUrl}/{appId of app}`. */
export function resourceIdFor(
  spec: CustomExtensionSpec,
  appIdOf: (name: string) => string | undefined,
): string | undefined {
  if (spec.resourceId !== undefined) return spec.resourceId;
  const appId = spec.app === undefined ? undefined : appIdOf(spec.app);
  return appId === undefined ? undefined : `api://${new URL(spec.targetUrl).host}/${appId}`;
}

/** An extension as a spec: its app by name when its resource id is the one that name would make. */
export function extensionSpec(
  e: CustomExtension,
  appName: (appId: string) => string | undefined,
): CustomExtensionSpec | undefined {
  if (!(EXTENSION_KINDS as readonly string[]).includes(e.kind) || e.targetUrl == null) return undefined;
  const m = RESOURCE.exec(e.resourceId ?? "");
  const name = m?.[2] === undefined ? undefined : appName(m[2]);
  const byName = name !== undefined && m?.[1]?.toLowerCase() === new URL(e.targetUrl).host.toLowerCase();
  const out: CustomExtensionSpec = { event: e.kind as ExtensionKind, targetUrl: e.targetUrl };
  if (e.description) out.description = e.description;
  if (byName) out.app = name;
  else if (e.resourceId) out.resourceId = e.resourceId;
  if (e.timeoutInMilliseconds != null) out.timeoutInMilliseconds = e.timeoutInMilliseconds;
  if (e.maximumRetries != null) out.maximumRetries = e.maximumRetries;
  out.fallbackToMicrosoftProviderOnError = e.fallbackToMicrosoftProviderOnError;
  if (e.claims.length > 0) out.claims = sortedSet(e.claims);
  return out;
}

/** `extension_<appIdWithoutDashes>_<Name>` without its app part: the attribute's name, never an app id. */
const FLAG_PREFIX = /^extension_[0-9a-f]{32}_/i;

/** The tenant's listeners that call one of its extensions, each under that extension's name. */
export function listenerSpecs(
  state: TenantState,
  appName: (appId: string) => string,
  attributeName: (id: string) => string,
): { key: string; id: string; spec: EventListenerSpec }[] {
  const names = new Map(state.extensions.map((e) => [e.id.toLowerCase(), e.displayName ?? e.id]));
  return state.listeners.flatMap((l) => {
    if (l.authenticationEventsFlowId != null || l.customExtensionId === null) return [];
    const key = names.get(l.customExtensionId.toLowerCase());
    if (key === undefined) return [];
    const spec: EventListenerSpec = { applications: sortedSet(l.appIds.map(appName)) };
    if (l.migrationPropertyId != null)
      spec.migrationAttribute = attributeName(l.migrationPropertyId).replace(FLAG_PREFIX, "");
    return [{ key, id: l.id, spec }];
  });
}

/** Ids an extension or listener step needs: extensions, apps' client ids and attributes' ids by name. */
export interface ExtensionIds {
  extensions: Map<string, { id: string; event: string }>;
  appId(name: string): string | undefined;
  /** A custom attribute's id (`extension_<appIdWithoutDashes>_<Name>`). */
  attributeId(name: string): string | undefined;
}

const lc = (s: string) => s.toLowerCase();

/** Creates or updates an extension (the fields `changed` names; all on create); returns its id. */
export async function writeExtension(
  graph: ServiceClient,
  name: string,
  spec: CustomExtensionSpec,
  ids: ExtensionIds,
  target: { id?: string | undefined; changed?: readonly string[] | undefined },
  signal?: AbortSignal,
): Promise<void> {
  const resourceId = resourceIdFor(spec, ids.appId);
  const all = target.changed === undefined;
  const pick = <K extends keyof CustomExtensionSpec>(k: K) =>
    all || target.changed?.includes(k) ? spec[k] : undefined;
  const endpoint =
    all ||
    target.changed?.includes("targetUrl") ||
    target.changed?.includes("app") ||
    target.changed?.includes("resourceId");
  const fields = {
    displayName: all ? name : undefined,
    description: pick("description"),
    targetUrl: endpoint ? spec.targetUrl : undefined,
    resourceId: endpoint ? resourceId : undefined,
    timeoutInMilliseconds: pick("timeoutInMilliseconds"),
    maximumRetries: pick("maximumRetries"),
    fallbackToMicrosoftProviderOnError: pick("fallbackToMicrosoftProviderOnError"),
    claims: pick("claims"),
  };
  if (target.id === undefined) {
    const made = await createCustomExtension(
      graph,
      customExtensionMapping.toGraphCreate({
        kind: spec.event,
        ...fields,
        displayName: name,
        targetUrl: spec.targetUrl,
      }),
      { signal },
    );
    ids.extensions.set(lc(name), { id: made.id, event: spec.event });
  } else {
    await updateCustomExtension(
      graph,
      target.id,
      customExtensionMapping.toGraphPatch({ kind: spec.event, ...fields }),
      { signal },
    );
  }
}

/** Creates or updates the listener that calls the extension `name`. */
export async function writeListener(
  graph: ServiceClient,
  name: string,
  spec: EventListenerSpec,
  ids: ExtensionIds,
  id: string | undefined,
  signal?: AbortSignal,
): Promise<void> {
  const extension = ids.extensions.get(lc(name));
  const kind = extension === undefined ? undefined : listenerKindOf(extension.event);
  if (extension === undefined || kind === undefined)
    throw new Error(`no custom extension '${name}' with a listener kind to call it`);
  const appIds = spec.applications.map((a) => ids.appId(a) ?? a);
  const flag = spec.migrationAttribute;
  const migrationPropertyId = flag === undefined ? undefined : ids.attributeId(flag);
  if (flag !== undefined && migrationPropertyId === undefined)
    throw new Error(`no custom attribute '${flag}' for the listener of '${name}'`);
  if (id === undefined)
    await createEventListener(
      graph,
      eventListenerMapping.toGraphCreate({
        kind,
        appIds,
        customExtensionId: extension.id,
        migrationPropertyId,
      }),
      { signal },
    );
  else {
    // Graph replaces a handler whole: a password listener's is sent with both halves.
    const handler =
      kind === "onPasswordSubmit" ? { customExtensionId: extension.id, migrationPropertyId } : {};
    await updateEventListener(graph, id, eventListenerMapping.toGraphPatch({ kind, appIds, ...handler }), {
      signal,
    });
  }
}

export { deleteCustomExtension, deleteEventListener };
