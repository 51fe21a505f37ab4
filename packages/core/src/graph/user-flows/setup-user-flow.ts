import { z } from "zod";
import { ChangeLog, changeReportShape } from "../../operations/change-actions.ts";
import { confirmRemovals } from "../../operations/confirm-removals.ts";
import { defineOperation } from "../../operations/define-operation.ts";
import { InvalidInputError } from "../../operations/run-operation.ts";
import { appIdSchema, descriptionSchema, displayNameSchema } from "../fields.ts";
import { listProviders } from "../identity-providers/identity-providers-client.ts";
import { customAttributeKey } from "../user-flow-attributes/user-flow-attribute-mapping.ts";
import {
  customAttributeDataTypeSchema,
  customAttributeNameSchema,
} from "../user-flow-attributes/user-flow-attribute-schema.ts";
import {
  createAttribute,
  listAttributes,
  updateAttributeDescription,
} from "../user-flow-attributes/user-flow-attributes-client.ts";
import { editablePage, pageAttributes, pageWithout } from "./flow-page.ts";
import { attributeResolver, pageWithIds, setDiff, setupRemovals } from "./flow-setup-plan.ts";
import { userFlowChanges, userFlowMapping } from "./user-flow-mapping.ts";
import { flowProvidersSchema, pageSchema, signUpAllowedSchema, userFlowSchema } from "./user-flow-schema.ts";
import {
  addFlowAttribute,
  createFlow,
  getFlow,
  listFlows,
  patchFlow,
  removeFlowApp,
  removeFlowAttribute,
} from "./user-flows-client.ts";

const NAME = "user_flow_setup";

const input = z.object({
  displayName: displayNameSchema.describe("Found by it, created under it."),
  description: descriptionSchema.optional(),
  signUpAllowed: signUpAllowedSchema,
  identityProviders: flowProvidersSchema.describe(
    "Exactly the providers offered (ids); social ones must exist.",
  ),
  customAttributes: z
    .array(
      z.object({
        name: customAttributeNameSchema,
        dataType: customAttributeDataTypeSchema,
        description: descriptionSchema.optional(),
      }),
    )
    .max(50)
    .optional()
    .describe("Created when missing (by name); their type is fixed."),
  attributes: z
    .array(z.string().min(1))
    .optional()
    .describe("Exactly those collected (ids or custom names); default: the page's."),
  page: pageSchema.optional().describe("Inputs name attributes by id or custom attribute name."),
  applications: z
    .array(appIdSchema)
    .optional()
    .describe("Exactly the apps (client ids) using the flow; omitted: left as is."),
  moveApplications: z
    .boolean()
    .default(false)
    .describe("Move a listed app off its current flow; else such an app is refused."),
});

/** `user_flow_setup`: create or converge a complete sign-up/sign-in flow from a declarative spec. */
export const setupUserFlowOperation = defineOperation({
  name: NAME,
  area: "user-flows",
  title: "Set up a user flow from a spec",
  description:
    "Creates or converges a whole sign-up/sign-in flow from one spec (providers, custom attributes, page, apps).",
  access: "write",
  idempotent: true,
  permissions: ["EventListener.ReadWrite.All", "IdentityUserFlow.ReadWrite.All", "IdentityProvider.Read.All"],
  input,
  output: z.object({ flow: userFlowSchema, ...changeReportShape }),
  run: async (ctx, spec) => {
    const options = { signal: ctx.signal };
    const log = new ChangeLog();
    const [tenantAttributes, providers, flows] = await Promise.all([
      listAttributes(ctx.graph, options),
      listProviders(ctx.graph, options),
      listFlows(ctx.graph, options),
    ]);

    // Everything that can be wrong with the spec is found here, before anything is written.
    const problems: string[] = [];
    for (const idp of spec.identityProviders) {
      if (!providers.some((p) => p.id.toLowerCase() === idp.toLowerCase())) {
        problems.push(`identityProviders: ${idp} does not exist in the tenant (identity_provider_list)`);
      }
    }
    const custom = spec.customAttributes ?? [];
    const existingCustom = custom.map((c) =>
      tenantAttributes.find(
        (a) =>
          a.userFlowAttributeType === "custom" &&
          customAttributeKey(a.displayName ?? "") === customAttributeKey(c.name),
      ),
    );
    custom.forEach((c, i) => {
      const found = existingCustom[i];
      if (found !== undefined && found.dataType !== c.dataType) {
        problems.push(`customAttributes.${i}: ${c.name} exists as ${found.dataType}; a type cannot change`);
      }
    });
    const resolver = attributeResolver(
      tenantAttributes,
      custom.map((c) => c.name),
    );
    const wantedRefs =
      spec.attributes !== undefined || spec.page !== undefined
        ? [
            ...new Set([
              ...(spec.attributes ?? []),
              ...(spec.page === undefined ? [] : pageAttributes(spec.page)),
            ]),
          ]
        : undefined;
    for (const ref of wantedRefs ?? []) {
      if (!resolver.isKnown(ref))
        problems.push(`attributes: ${ref} is neither an attribute id nor a custom attribute`);
    }
    const key = userFlowMapping.naturalKey(spec);
    const existing = flows.find((f) => userFlowMapping.naturalKey(f) === key);
    // Graph links an application to one flow only (api-surface 2.7): one used elsewhere is moved or refused.
    const taken = (spec.applications ?? []).flatMap((appId) => {
      const other = flows.find(
        (f) => f !== existing && f.applications.some((a) => a.toLowerCase() === appId.toLowerCase()),
      );
      return other === undefined ? [] : [{ appId, other }];
    });
    if (!spec.moveApplications) {
      for (const { appId, other } of taken) {
        problems.push(
          `applications: ${appId} uses the flow '${other.displayName}'; set moveApplications to move it`,
        );
      }
    }
    if (problems.length > 0) throw new InvalidInputError(NAME, problems);
    // "Exactly these" can unlink what the destructive `*_remove` operations do: ask before any write.
    await confirmRemovals(
      ctx,
      NAME,
      setupRemovals(
        existing,
        {
          identityProviders: spec.identityProviders,
          applications: spec.applications,
          attributes: wantedRefs?.map((ref) => resolver.resolve(ref) ?? ref),
        },
        spec.moveApplications ? taken : [],
      ),
    );

    // Custom attributes first: the flow can only name attributes that exist.
    const created = new Map<string, string>();
    for (const [i, c] of custom.entries()) {
      const found = existingCustom[i];
      if (found === undefined) {
        const attribute = await createAttribute(
          ctx.graph,
          { displayName: c.name, dataType: c.dataType, description: c.description },
          options,
        );
        created.set(c.name.toLowerCase(), attribute.id);
        log.note("created", "userFlowAttribute", attribute.id, `${c.dataType} ${c.name}`);
      } else if (c.description !== undefined && (found.description ?? "") !== c.description) {
        await updateAttributeDescription(ctx.graph, found.id, c.description, options);
        log.note("updated", "userFlowAttribute", found.id, "description");
      } else {
        log.note("unchanged", "userFlowAttribute", found.id);
      }
    }
    const idOf = (ref: string) => resolver.resolve(ref) ?? created.get(ref.toLowerCase()) ?? ref;
    const wanted = wantedRefs?.map(idOf);
    const page = spec.page === undefined ? undefined : pageWithIds(spec.page, idOf);
    const providerIds = [...new Set(spec.identityProviders)];

    for (const { appId, other } of taken) {
      await removeFlowApp(ctx.graph, other.id, appId, options);
      log.note("unlinked", "application", appId, `from ${other.displayName}`);
    }

    if (existing === undefined) {
      const flow = await createFlow(
        ctx.graph,
        {
          displayName: spec.displayName,
          description: spec.description,
          signUpAllowed: spec.signUpAllowed,
          identityProviders: providerIds,
          applications: spec.applications?.length ? spec.applications : undefined,
          attributes: wanted,
          page,
        },
        options,
      );
      log.note("created", "userFlow", flow.id, spec.displayName);
      for (const appId of flow.applications)
        log.note("linked", "application", appId, `to ${spec.displayName}`);
      return { flow, changed: true, actions: log.actions };
    }

    // An existing flow: $ref only the attributes that differ, then one PATCH with everything else.
    const flowId = existing.id;
    let current = existing;
    const attributeDiff =
      wanted === undefined ? { add: [], remove: [] } : setDiff(current.attributes, wanted);
    for (const id of attributeDiff.add) {
      await addFlowAttribute(ctx.graph, flowId, id, options);
      log.note("added", "flowAttribute", id, `to ${current.displayName}`);
    }
    for (const id of attributeDiff.remove) {
      await removeFlowAttribute(ctx.graph, flowId, id, options);
      log.note("removed", "flowAttribute", id, `from ${current.displayName}`);
    }
    if (attributeDiff.add.length + attributeDiff.remove.length > 0) {
      current = await getFlow(ctx.graph, flowId, { ...options, readAfterWrite: true });
    }

    // The page: the spec's when it gives one; otherwise the stored page without inputs of removed attributes
    // (Graph's $ref removal leaves them, api-surface 2.9).
    const wantedPage =
      page ??
      (attributeDiff.remove.length > 0 && current.page !== null
        ? attributeDiff.remove.reduce(pageWithout, editablePage(current))
        : undefined);
    // One PATCH with everything that differs.
    const changes = userFlowChanges(current, {
      description: spec.description,
      signUpAllowed: spec.signUpAllowed,
      identityProviders: providerIds,
      applications: spec.applications,
      page: wantedPage,
    });
    if (Object.keys(changes).length > 0) await patchFlow(ctx.graph, flowId, changes, options);
    const idps = setDiff(current.identityProviders, changes.identityProviders ?? current.identityProviders);
    for (const id of idps.add) log.note("added", "flowIdentityProvider", id, `to ${current.displayName}`);
    for (const id of idps.remove)
      log.note("removed", "flowIdentityProvider", id, `from ${current.displayName}`);
    const apps = setDiff(current.applications, changes.applications ?? current.applications);
    for (const id of apps.add) log.note("linked", "application", id, `to ${current.displayName}`);
    for (const id of apps.remove) log.note("unlinked", "application", id, `from ${current.displayName}`);
    const details = [
      ...(changes.description === undefined ? [] : ["description"]),
      ...(changes.signUpAllowed === undefined
        ? []
        : [`signUpAllowed: ${current.signUpAllowed} → ${changes.signUpAllowed}`]),
    ];
    if (details.length > 0) log.note("updated", "userFlow", flowId, details.join(", "));
    if (changes.page !== undefined) log.note("updated", "attributeCollectionPage", flowId);
    if (!log.changed) {
      log.note("unchanged", "userFlow", flowId, current.displayName);
      return { flow: current, changed: false, actions: log.actions };
    }
    const flow = await getFlow(ctx.graph, flowId, { ...options, readAfterWrite: true });
    return { flow, changed: true, actions: log.actions };
  },
});
