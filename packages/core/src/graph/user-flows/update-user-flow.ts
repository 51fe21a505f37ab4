import { z } from "zod";
import { confirmRemovals } from "../../operations/confirm-removals.ts";
import { defineOperation } from "../../operations/define-operation.ts";
import { appIdSchema, descriptionSchema, displayNameSchema } from "../fields.ts";
import { pageAttributes } from "./flow-page.ts";
import { setDiff } from "./flow-setup-plan.ts";
import { flowRefSchema, pageSchema, type UserFlow, userFlowSchema } from "./user-flow-schema.ts";
import { addFlowAttribute, getFlow, patchFlow, resolveFlow } from "./user-flows-client.ts";

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
      displayName: displayNameSchema.optional(),
      description: descriptionSchema.nullable().optional(),
      signUpAllowed: z.boolean().optional(),
      identityProviders: z.array(z.string().min(1)).min(1).optional().describe("Replaces the providers."),
      applications: z.array(appIdSchema).optional().describe("Replaces the linked apps (client ids)."),
      page: pageSchema.optional().describe("Replaces the page whole."),
      attributeCollectionStartExtensionId: z.uuid().nullable().optional().describe("null removes it."),
      attributeCollectionSubmitExtensionId: z.uuid().nullable().optional().describe("null removes it."),
    })
    .refine((i) => Object.keys(i).some((k) => k !== "flow"), "give at least one change"),
  output: userFlowSchema,
  run: async (ctx, i) => {
    const options = { signal: ctx.signal };
    const { flow: ref, page, ...settings } = i;
    const flow = await resolveFlow(ctx.graph, ref, options);
    // Replacing providers or apps can unlink what the `*_remove` operations would: ask first (nothing sent yet).
    await confirmRemovals(ctx, "user_flow_update", flowRemovals(flow, i));
    if (Object.values(settings).some((v) => v !== undefined))
      await patchFlow(ctx.graph, flow.id, settings, options);
    if (page !== undefined) {
      // Graph refuses a page PATCH on a flow without onAttributeCollection and page inputs for
      // attributes the flow lacks: add those attributes by reference first (api-surface 2.5, 2.9).
      for (const attribute of pageAttributes(page)) {
        if (!flow.attributes.some((a) => a.toLowerCase() === attribute.toLowerCase())) {
          await addFlowAttribute(ctx.graph, flow.id, attribute, options);
        }
      }
      await patchFlow(ctx.graph, flow.id, { page }, options);
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
