/** A user flow's step of apply: its references become ids, its apps leave other flows, its attributes are $ref'd. */
import { setDiff } from "../graph/user-flows/flow-setup-plan.ts";
import type { UserFlowChanges } from "../graph/user-flows/user-flow-mapping.ts";
import {
  addFlowAttribute,
  createFlow,
  getFlow,
  listFlows,
  patchFlow,
  removeFlowApp,
  removeFlowAttribute,
} from "../graph/user-flows/user-flows-client.ts";
import type { PlannedChange } from "./plan-types.ts";
import type { UserFlowSpec } from "./spec-schema.ts";
import { changed, idOf, item, lc, opts, type StepContext } from "./step-context.ts";

function flowIds(ctx: StepContext, flow: UserFlowSpec) {
  const attribute = (name: string) => idOf(ctx.ids.attributes, name);
  return {
    identityProviders: flow.identityProviders?.map((k) => idOf(ctx.ids.providers, k)),
    attributes: flow.attributes?.map(attribute),
    applications: flow.applications?.map((n) => ctx.ids.applications.get(lc(n))?.appId ?? n),
    page:
      flow.page === undefined
        ? undefined
        : {
            views: flow.page.views.map((v) => ({
              ...v,
              inputs: v.inputs.map((i) => ({ ...i, attribute: attribute(i.attribute) })),
            })),
          },
  };
}

/**
 * Unlinks the given applications from any other flow: Graph links an application to one flow only
 * (api-surface 2.7), so an app the spec moves is taken off its old flow first.
 */
async function takeApps(ctx: StepContext, flowName: string, appIds: readonly string[] | undefined) {
  if (appIds === undefined || appIds.length === 0) return;
  const wanted = new Set(appIds.map(lc));
  for (const other of await listFlows(ctx.graph, opts(ctx))) {
    if (lc(other.displayName) === lc(flowName)) continue;
    for (const appId of other.applications)
      if (wanted.has(lc(appId))) await removeFlowApp(ctx.graph, other.id, appId, opts(ctx));
  }
}

/** An extension's id by name; null for none, undefined when not given. */
function extensionId(ctx: StepContext, name: string | null | undefined): string | null | undefined {
  if (name === null || name === undefined) return name;
  return ctx.ids.extensions.get(lc(name))?.id ?? name;
}

export async function flowStep(ctx: StepContext, change: PlannedChange, create: boolean): Promise<void> {
  const flow = item(ctx, "userFlows", change.name);
  const ids = flowIds(ctx, flow);
  if (create || changed(change, "applications")) await takeApps(ctx, change.name, ids.applications);
  if (create) {
    await createFlow(
      ctx.graph,
      {
        displayName: change.name,
        description: flow.description,
        signUpAllowed: flow.signUpAllowed ?? true,
        identityProviders: ids.identityProviders ?? ["EmailPassword-OAUTH"],
        applications: ids.applications?.length ? ids.applications : undefined,
        attributes: ids.attributes,
        page: ids.page,
        attributeCollectionStartExtensionId:
          extensionId(ctx, flow.attributeCollectionStartExtension) ?? undefined,
        attributeCollectionSubmitExtensionId:
          extensionId(ctx, flow.attributeCollectionSubmitExtension) ?? undefined,
      },
      opts(ctx),
    );
    return;
  }
  const id = change.id ?? "";
  // Attributes are references of their own ($ref), and a page may only name the flow's attributes.
  if (changed(change, "attributes") && ids.attributes !== undefined) {
    const current = await getFlow(ctx.graph, id, opts(ctx));
    const diff = setDiff(current.attributes, ids.attributes);
    for (const a of diff.add) await addFlowAttribute(ctx.graph, id, a, opts(ctx));
    for (const a of diff.remove) await removeFlowAttribute(ctx.graph, id, a, opts(ctx));
  }
  const changes: UserFlowChanges = {};
  if (changed(change, "description")) changes.description = flow.description ?? null;
  if (changed(change, "signUpAllowed")) changes.signUpAllowed = flow.signUpAllowed;
  if (changed(change, "identityProviders")) changes.identityProviders = ids.identityProviders;
  if (changed(change, "applications")) changes.applications = ids.applications;
  if (changed(change, "page")) changes.page = ids.page;
  if (changed(change, "attributeCollectionStartExtension"))
    changes.attributeCollectionStartExtensionId = extensionId(ctx, flow.attributeCollectionStartExtension);
  if (changed(change, "attributeCollectionSubmitExtension"))
    changes.attributeCollectionSubmitExtensionId = extensionId(ctx, flow.attributeCollectionSubmitExtension);
  if (Object.values(changes).some((v) => v !== undefined)) await patchFlow(ctx.graph, id, changes, opts(ctx));
}
