import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { editablePage, pageHas, pageWithout } from "./flow-page.ts";
import { flowRefSchema, userFlowSchema } from "./user-flow-schema.ts";
import { getFlow, patchFlow, removeFlowAttribute, resolveFlow } from "./user-flows-client.ts";

/** `user_flow_attribute_remove`: stop collecting an attribute, page included. */
export const removeFlowAttributeOperation = defineOperation({
  name: "user_flow_attribute_remove",
  area: "user-flows",
  title: "Remove an attribute from a user flow",
  description:
    "Stops collecting an attribute on a user flow (id or name) and removes its input from the page.",
  // Drops the attribute's input from the sign-up page: confirmed like a delete.
  access: "destructive",
  idempotent: true,
  permissions: ["EventListener.ReadWrite.All"],
  input: z.object({ flow: flowRefSchema, attributeId: z.string().min(1).max(256) }),
  output: userFlowSchema,
  run: async (ctx, input) => {
    const options = { signal: ctx.signal };
    const flow = await resolveFlow(ctx.graph, input.flow, options);
    await removeFlowAttribute(ctx.graph, flow.id, input.attributeId, options);
    // Removing by $ref leaves the page as it was, so the page read before is the one to fix.
    const page = editablePage(flow);
    if (pageHas(page, input.attributeId))
      await patchFlow(ctx.graph, flow.id, { page: pageWithout(page, input.attributeId) }, options);
    return getFlow(ctx.graph, flow.id, { ...options, readAfterWrite: true });
  },
});
