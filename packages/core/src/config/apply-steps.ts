/**
 * The Graph writes of each change, kind by kind, through each kind's client and mapping module.
 * References (attribute names, provider keys, application names) become ids here, from the tenant's
 * state as apply has made it so far: what an earlier step created is known to the later ones.
 */
import { applicationMapping } from "../graph/applications/application-mapping.ts";
import { createApplication } from "../graph/applications/applications-client.ts";
import { segment } from "../graph/common.ts";
import { createGroup, deleteGroup, updateGroup } from "../graph/groups/groups-client.ts";
import { identityProviderMapping } from "../graph/identity-providers/identity-provider-mapping.ts";
import {
  createProvider,
  deleteProvider,
  patchProvider,
} from "../graph/identity-providers/identity-providers-client.ts";
import {
  createAttribute,
  deleteAttribute,
  updateAttributeDescription,
} from "../graph/user-flow-attributes/user-flow-attributes-client.ts";
import { deleteFlow } from "../graph/user-flows/user-flows-client.ts";
import { applyExposure } from "./application-exposure.ts";
import { syncBrandingFiles } from "./branding-file-steps.ts";
import { removeBranding, writeBranding } from "./branding-kind.ts";
import {
  deleteCustomExtension,
  deleteEventListener,
  type ExtensionIds,
  writeExtension,
  writeListener,
} from "./extension-kinds.ts";
import { flowStep } from "./flow-steps.ts";
import { resourceAccess } from "./permission-names.ts";
import type { PlannedChange } from "./plan-types.ts";
import type { ApplicationSpec, IdentityProviderSpec } from "./spec-schema.ts";
import { changed, type IdMaps, item, lc, opts, type StepContext } from "./step-context.ts";
import { isTrustFrameworkKind } from "./trust-framework-kind.ts";
import { trustFrameworkStep } from "./trust-framework-steps.ts";

export type { IdMaps, StepContext } from "./step-context.ts";

/** The `requiredResourceAccess` of an application spec: resources by client id, permissions by id. */
const requiredResourceAccess = (ctx: StepContext, app: ApplicationSpec) =>
  resourceAccess(app.requiredPermissions, ctx.resources, (name) => ctx.ids.applications.get(lc(name))?.appId);

function providerBody(ctx: StepContext, name: string, p: IdentityProviderSpec) {
  switch (p.kind) {
    case "social":
      return identityProviderMapping.toGraphCreate({ ...p, clientSecret: ctx.secret(p.clientSecret) });
    case "apple":
      return identityProviderMapping.toGraphCreate({ ...p, certificateData: ctx.secret(p.certificateData) });
    case "oidc":
      return identityProviderMapping.toGraphCreate({
        ...p,
        displayName: name,
        scope: p.scope ?? "openid profile email",
        responseType: p.responseType ?? "code",
        clientSecret: ctx.secret(p.clientSecret),
      });
  }
}

/** Runs one change. Applications are created bare; their permissions follow in {@link applyPermissions}. */
export async function runStep(ctx: StepContext, change: PlannedChange): Promise<void> {
  const { graph } = ctx;
  const id = change.id ?? "";
  if (isTrustFrameworkKind(change.kind)) return trustFrameworkStep(ctx, change);
  if (change.action === "delete" || change.action === "replace") {
    await deleteOf(ctx, change.kind, id);
    forget(ctx.ids, change.kind, change.name);
    if (change.action === "delete") return;
  }
  const create = change.action !== "update";
  switch (change.kind) {
    case "userFlowAttributes": {
      const a = item(ctx, "userFlowAttributes", change.name);
      if (create) {
        const made = await createAttribute(
          graph,
          { displayName: change.name, dataType: a.dataType, description: a.description },
          opts(ctx),
        );
        ctx.ids.attributes.set(lc(change.name), made.id);
      } else await updateAttributeDescription(graph, id, a.description ?? null, opts(ctx));
      return;
    }
    case "identityProviders": {
      const p = item(ctx, "identityProviders", change.name);
      if (create) {
        const made = await createProvider(graph, providerBody(ctx, change.name, p), opts(ctx));
        ctx.ids.providers.set(lc(change.name), made.id);
        return;
      }
      const plain = Object.fromEntries(
        change.fields.map((f) => [f.field, (p as Record<string, unknown>)[f.field]]),
      );
      const body = identityProviderMapping.toGraphPatch({
        ...plain,
        type: ctx.ids.providerTypes.get(id) ?? "",
      });
      await patchProvider(graph, id, body, opts(ctx));
      return;
    }
    case "applications": {
      const a = item(ctx, "applications", change.name);
      if (create) {
        const made = await createApplication(
          graph,
          {
            displayName: change.name,
            signInAudience: a.signInAudience ?? "AzureADMyOrg",
            webRedirectUris: a.web?.redirectUris,
            spaRedirectUris: a.spa?.redirectUris,
          },
          opts(ctx),
        );
        const target = { id: made.id, appId: made.appId ?? "" };
        ctx.ids.applications.set(lc(change.name), target);
        const all = { identifierUris: true, scopes: true, appRoles: true };
        await applyExposure(graph, target, a, all, ctx.signal);
        return;
      }
      const body = applicationMapping.toGraphPatch({
        signInAudience: changed(change, "signInAudience") ? a.signInAudience : undefined,
        webRedirectUris: changed(change, "web") ? a.web?.redirectUris : undefined,
        spaRedirectUris: changed(change, "spa") ? a.spa?.redirectUris : undefined,
      });
      if (Object.keys(body).length > 0) await graph.patch(`/applications/${segment(id)}`, body, opts(ctx));
      const target = { id, appId: ctx.ids.applications.get(lc(change.name))?.appId ?? "" };
      const fields = {
        identifierUris: changed(change, "identifierUris"),
        scopes: changed(change, "scopes"),
        appRoles: changed(change, "appRoles"),
      };
      await applyExposure(graph, target, a, fields, ctx.signal);
      return;
    }
    case "groups": {
      const g = item(ctx, "groups", change.name);
      if (create)
        await createGroup(graph, { displayName: change.name, description: g.description }, opts(ctx));
      else await updateGroup(graph, id, { description: g.description ?? null }, opts(ctx));
      return;
    }
    case "branding": {
      const b = item(ctx, "branding", change.name);
      const props = change.fields.filter((f) => !f.field.startsWith("files."));
      const set = create
        ? b
        : Object.fromEntries(props.map((f) => [f.field, (b as Record<string, unknown>)[f.field]]));
      // Files go after the branding they belong to exists (a change of files only writes no properties).
      if (create || props.length > 0)
        await writeBranding(graph, ctx.organizationId, change.name, set, create, ctx.signal);
      await syncBrandingFiles(ctx, change);
      return;
    }
    case "customExtensions": {
      const fields = change.fields.map((f) => f.field);
      await writeExtension(
        graph,
        change.name,
        item(ctx, "customExtensions", change.name),
        extensionIds(ctx),
        {
          id: create ? undefined : id,
          changed: create ? undefined : fields,
        },
        ctx.signal,
      );
      return;
    }
    case "eventListeners":
      await writeListener(
        graph,
        change.name,
        item(ctx, "eventListeners", change.name),
        extensionIds(ctx),
        create ? undefined : id,
        ctx.signal,
      );
      return;
    case "userFlows":
      await flowStep(ctx, change, create);
      return;
    default:
      return;
  }
}

const extensionIds = (ctx: StepContext): ExtensionIds => ({
  extensions: ctx.ids.extensions,
  appId: (name) => ctx.ids.applications.get(lc(name))?.appId,
  attributeId: (name) => ctx.ids.attributes.get(lc(name)),
});

/**
 * Setting one application's required permissions failed: `change` is that application's, `unset` the
 * applications (it included) whose permissions are not set yet.
 */
export class PermissionsStepError extends Error {
  override readonly name = "PermissionsStepError";
  readonly change: PlannedChange;
  readonly unset: readonly PlannedChange[];
  constructor(change: PlannedChange, unset: readonly PlannedChange[], cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.change = change;
    this.unset = unset;
  }
}

/** Sets the required permissions of the applications whose permissions the plan creates or changes. */
export async function applyPermissions(ctx: StepContext, changes: readonly PlannedChange[]): Promise<void> {
  const setting = changes.filter(
    (c) => c.kind === "applications" && c.action !== "delete" && changed(c, "requiredPermissions"),
  );
  for (const [index, change] of setting.entries()) {
    const app = item(ctx, "applications", change.name);
    const target = ctx.ids.applications.get(lc(change.name));
    if (target === undefined) continue;
    try {
      const body = applicationMapping.toGraphPatch({
        requiredResourceAccess: requiredResourceAccess(ctx, app),
      });
      await ctx.graph.patch(`/applications/${segment(target.id)}`, body, opts(ctx));
    } catch (error) {
      throw new PermissionsStepError(change, setting.slice(index), error);
    }
  }
}

async function deleteOf(ctx: StepContext, kind: PlannedChange["kind"], id: string): Promise<void> {
  const o = opts(ctx);
  switch (kind) {
    case "userFlowAttributes":
      return deleteAttribute(ctx.graph, id, o);
    case "identityProviders":
      return deleteProvider(ctx.graph, id, o);
    case "applications":
      return ctx.graph.delete(`/applications/${segment(id)}`, o);
    case "groups":
      return deleteGroup(ctx.graph, id, o);
    case "branding":
      return removeBranding(ctx.graph, ctx.organizationId, id === "0" ? "default" : id, ctx.signal);
    case "customExtensions":
      return deleteCustomExtension(ctx.graph, id, o);
    case "eventListeners":
      return deleteEventListener(ctx.graph, id, o);
    case "userFlows":
      return deleteFlow(ctx.graph, id, o);
    default:
      return;
  }
}

function forget(ids: IdMaps, kind: PlannedChange["kind"], name: string): void {
  if (kind === "userFlowAttributes") ids.attributes.delete(lc(name));
  if (kind === "identityProviders") ids.providers.delete(lc(name));
  if (kind === "applications") ids.applications.delete(lc(name));
  if (kind === "customExtensions") ids.extensions.delete(lc(name));
}
