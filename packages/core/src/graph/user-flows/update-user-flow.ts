import { z } from "zod";
import { confirmRemovals } from "../../operations/confirm-removals.ts";
import { defineOperation } from "../../operations/define-operation.ts";
import { pageAttributes } from "./flow-page.ts";
import { setDiff } from "./flow-setup-plan.ts";
import { flowRefSchema, pageSchema, type UserFlow, userFlowSchema } from "./user-flow-schema.ts";
import {
  addFlowAttribute,
  extensionHandlers,
  getFlow,
  HANDLER_TYPES,
  patchFlow,
  patchPage,
  resolveFlow,
} from "./user-flows-client.ts";

/** `user_flow_update`: change a flow's settings, providers, apps or page. */
export const updateUserFlowOperation = defineOperation({
  name: "user_flow_update",
  area: "user-flows",
  title: "Update a user flow",
  description:
    "Changes a user flow (id or name): name, description, sign-up, providers, apps, or the attribute page (replaced whole).",
  access: "write",
  idempotent: true,
  permissions: ["EventListener.ReadWrite.All"],
  input: z
    .object({
      flow: flowRefSchema,
      displayName: z.string().trim().min(1).max(256).optional(),
      description: z.string().max(1024).nullable().optional(),
      signUpAllowed: z.boolean().optional(),
      identityProviders: z.array(z.string().min(1)).min(1).optional().describe("Replaces the providers."),
      applications: z.array(z.uuid()).optional().describe("Replaces the linked apps (client ids)."),
      page: pageSchema.optional().describe("Replaces the page whole."),
      attributeCollectionStartExtensionId: z.uuid().nullable().optional().describe("null removes it."),
      attributeCollectionSubmitExtensionId: z.uuid().nullable().optional().describe("null removes it."),
    })
    .refine((i) => Object.keys(i).some((k) => k !== "flow"), "give at least one change"),
  output: userFlowSchema,
  run: async (ctx, i) => {
    const options = { signal: ctx.signal };
    const flow = await resolveFlow(ctx.graph, i.flow, options);
    // Replacing providers or apps can unlink what the `*_remove` operations would: ask first (nothing sent yet).
    await confirmRemovals(ctx, "user_flow_update", flowRemovals(flow, i));
    const changes: Record<string, unknown> = {};
    if (i.displayName !== undefined) changes.displayName = i.displayName;
    if (i.description !== undefined) changes.description = i.description;
    if (i.signUpAllowed !== undefined) {
      changes.onInteractiveAuthFlowStart = {
        "@odata.type": HANDLER_TYPES.onInteractiveAuthFlowStart,
        isSignUpAllowed: i.signUpAllowed,
      };
    }
    if (i.identityProviders !== undefined) {
      changes.onAuthenticationMethodLoadStart = {
        "@odata.type": HANDLER_TYPES.onAuthenticationMethodLoadStart,
        identityProviders: [...new Set(i.identityProviders)].map((id) => ({ id })),
      };
    }
    if (i.applications !== undefined) {
      changes.conditions = {
        applications: { includeApplications: [...new Set(i.applications)].map((appId) => ({ appId })) },
      };
    }
    Object.assign(changes, extensionHandlers(i));
    if (Object.keys(changes).length > 0) await patchFlow(ctx.graph, flow.id, changes, options);
    if (i.page !== undefined) {
      // Graph refuses a page PATCH on a flow without onAttributeCollection and page inputs for
      // attributes the flow lacks: add those attributes by reference first (api-surface 2.5, 2.9).
      for (const attribute of pageAttributes(i.page)) {
        if (!flow.attributes.some((a) => a.toLowerCase() === attribute.toLowerCase())) {
          await addFlowAttribute(ctx.graph, flow.id, attribute, options);
        }
      }
      await patchPage(ctx.graph, flow.id, i.page, options);
    }
    return getFlow(ctx.graph, flow.id, { ...options, readAfterWrite: true });
  },
});

/** What the update would unlink from the flow, one line each, for confirmation. */
function flowRemovals(
  flow: UserFlow,
  i: {
    identityProviders?: string[] | undefined;
    applications?: string[] | undefined;
    attributeCollectionStartExtensionId?: string | null | undefined;
    attributeCollectionSubmitExtensionId?: string | null | undefined;
  },
): string[] {
  const from = `from '${flow.displayName}'`;
  const removals = [
    ...(i.identityProviders === undefined
      ? []
      : setDiff(flow.identityProviders, i.identityProviders).remove
    ).map((id) => `identity provider ${id} ${from}`),
    ...(i.applications === undefined ? [] : setDiff(flow.applications, i.applications).remove).map(
      (appId) => `application ${appId} ${from}`,
    ),
  ];
  const extensions = [
    [
      "attribute collection start",
      flow.attributeCollectionStartExtensionId,
      i.attributeCollectionStartExtensionId,
    ],
    [
      "attribute collection submit",
      flow.attributeCollectionSubmitExtensionId,
      i.attributeCollectionSubmitExtensionId,
    ],
  ] as const;
  for (const [what, current, wanted] of extensions) {
    if (wanted === null && current !== null) removals.push(`${what} extension ${current} ${from}`);
  }
  return removals;
}
