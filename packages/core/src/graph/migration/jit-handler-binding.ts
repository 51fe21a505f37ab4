/**
 * The onPasswordSubmit custom extension (the endpoint Entra calls, protected by the extension app) and
 * the listener that calls it for the chosen apps with the migration flag, created or converged in place.
 */
import { paginate } from "../../http/paginate.ts";
import type { ServiceClient } from "../../http/service-client.ts";
import type { ChangeLog } from "../../operations/change-actions.ts";
import {
  customExtensionChanges,
  customExtensionMapping,
} from "../custom-extensions/custom-extension-mapping.ts";
import {
  createCustomExtension,
  listAllCustomExtensions,
  updateCustomExtension,
} from "../custom-extensions/custom-extensions-client.ts";
import { eventListenerMapping } from "../event-listeners/event-listener-mapping.ts";
import {
  createEventListener,
  listAllEventListeners,
  updateEventListener,
} from "../event-listeners/event-listeners-client.ts";

/** What the extension and its listener must be. */
export interface PasswordSubmitSpec {
  displayName: string;
  targetUrl: string;
  resourceId: string;
  /** The apps whose sign-ins call it; undefined: every app registration but `excludeAppIds`. */
  appIds: readonly string[] | undefined;
  excludeAppIds: readonly string[];
  migrationPropertyId: string;
}

/** Microsoft's guide: 2 s and one retry (the most Entra allows). */
const CLIENT = { timeoutInMilliseconds: 2000, maximumRetries: 1 };

async function allAppIds(graph: ServiceClient, exclude: readonly string[], signal?: AbortSignal) {
  const out: string[] = [];
  const query = { $select: "appId,displayName", $top: 999 };
  for await (const app of paginate<{ appId: string; displayName?: string }>(graph, "/applications", {
    query,
    signal,
  })) {
    if (exclude.includes(app.appId) || (app.displayName ?? "").startsWith("b2c-extensions-app")) continue;
    out.push(app.appId);
  }
  return out;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.some((y) => y.toLowerCase() === x.toLowerCase()));

/** Creates or converges the extension and its listener; returns their ids. */
export async function ensurePasswordSubmitHandler(
  graph: ServiceClient,
  spec: PasswordSubmitSpec,
  log: ChangeLog,
  signal?: AbortSignal,
): Promise<{ customExtensionId: string; listenerId: string }> {
  const options = { signal };
  const key = customExtensionMapping.naturalKey({ kind: "onPasswordSubmit", displayName: spec.displayName });
  const [extensions, listeners, appIds] = await Promise.all([
    listAllCustomExtensions(graph, options),
    listAllEventListeners(graph, options),
    spec.appIds ?? allAppIds(graph, spec.excludeAppIds, signal),
  ]);
  const desired = { targetUrl: spec.targetUrl, resourceId: spec.resourceId, ...CLIENT };
  let extension = extensions.find((e) => customExtensionMapping.naturalKey(e) === key);
  if (extension === undefined) {
    extension = await createCustomExtension(
      graph,
      customExtensionMapping.toGraphCreate({
        kind: "onPasswordSubmit",
        displayName: spec.displayName,
        ...desired,
      }),
      options,
    );
    log.note("created", "customExtension", extension.id, spec.targetUrl);
  } else {
    const changes = customExtensionChanges(extension, desired);
    if (Object.keys(changes).length === 0) log.note("unchanged", "customExtension", extension.id);
    else {
      await updateCustomExtension(
        graph,
        extension.id,
        customExtensionMapping.toGraphPatch({ kind: extension.kind, ...changes }),
        options,
      );
      log.note("updated", "customExtension", extension.id, Object.keys(changes).join(", "));
    }
  }
  const customExtensionId = extension.id;
  const listener = listeners.find(
    (l) => l.kind === "onPasswordSubmit" && l.customExtensionId === customExtensionId,
  );
  if (listener === undefined) {
    const created = await createEventListener(
      graph,
      eventListenerMapping.toGraphCreate({
        kind: "onPasswordSubmit",
        appIds,
        customExtensionId,
        migrationPropertyId: spec.migrationPropertyId,
      }),
      options,
    );
    log.note("created", "eventListener", created.id, `${appIds.length} apps`);
    return { customExtensionId, listenerId: created.id };
  }
  const appsChange = !sameSet(listener.appIds, appIds);
  const flagChange = listener.migrationPropertyId !== spec.migrationPropertyId;
  if (!appsChange && !flagChange) log.note("unchanged", "eventListener", listener.id);
  else {
    await updateEventListener(
      graph,
      listener.id,
      eventListenerMapping.toGraphPatch({
        kind: "onPasswordSubmit",
        ...(appsChange ? { appIds } : {}),
        customExtensionId,
        migrationPropertyId: spec.migrationPropertyId,
      }),
      options,
    );
    log.note("updated", "eventListener", listener.id, appsChange ? "apps" : "migrationPropertyId");
  }
  return { customExtensionId, listenerId: listener.id };
}
