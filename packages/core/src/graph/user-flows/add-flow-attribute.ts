import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { editablePage, pageWithInput } from "./flow-page.ts";
import { flowRefSchema, pageInputSchema, userFlowSchema } from "./user-flow-schema.ts";
import { addFlowAttribute, getFlow, patchFlow, resolveFlow } from "./user-flows-client.ts";

/** `user_flow_attribute_add`: collect one more attribute on a flow. */
export const addFlowAttributeOperation = defineOperation({
  name: "user_flow_attribute_add",
  area: "user-flows",
  title: "Add an attribute to a user flow",
  description:
    "Collects one more attribute at sign-up on a flow (id or name); `input` sets its label, required flag, type, options or validation.",
  access: "write",
  idempotent: true,
  permissions: ["EventListener.ReadWrite.All"],
  input: z.object({
    flow: flowRefSchema,
    attributeId: z.string().min(1).max(256).describe("email, city, extension_<appId>_<Name>, …"),
    input: pageInputSchema.omit({ attribute: true }).optional().describe("How the page shows it."),
  }),
  output: userFlowSchema,
  run: async (ctx, input) => {
    const options = { signal: ctx.signal };
    let flow = await resolveFlow(ctx.graph, input.flow, options);
    if (!flow.attributes.some((a) => a.toLowerCase() === input.attributeId.toLowerCase())) {
      await addFlowAttribute(ctx.graph, flow.id, input.attributeId, options);
      flow = await getFlow(ctx.graph, flow.id, { ...options, readAfterWrite: true });
    }
    if (input.input === undefined) return flow;
    const page = pageWithInput(editablePage(flow), input.attributeId, input.input);
    await patchFlow(ctx.graph, flow.id, { page }, options);
    return getFlow(ctx.graph, flow.id, { ...options, readAfterWrite: true });
  },
});
