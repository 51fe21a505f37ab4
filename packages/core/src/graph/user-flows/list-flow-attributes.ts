import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { flowAttributeSchema, flowRefSchema } from "./user-flow-schema.ts";
import { listFlowAttributes, resolveFlow } from "./user-flows-client.ts";

/** `user_flow_attribute_list`: attributes a flow collects. */
export const listFlowAttributesOperation = defineOperation({
  name: "user_flow_attribute_list",
  area: "user-flows",
  title: "List a user flow's attributes",
  description:
    "Lists the attributes a user flow (id or name) collects at sign-up, with data types (layout: user_flow_get's page).",
  access: "read",
  permissions: ["EventListener.Read.All"],
  input: z.object({ flow: flowRefSchema }),
  output: z.object({ flowId: z.string(), attributes: z.array(flowAttributeSchema) }),
  run: async (ctx, input) => {
    const flow = await resolveFlow(ctx.graph, input.flow, { signal: ctx.signal });
    const attributes = await listFlowAttributes(ctx.graph, flow.id, { signal: ctx.signal });
    return { flowId: flow.id, attributes };
  },
});
