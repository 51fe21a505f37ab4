import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { flowProviderSchema, flowRefSchema } from "./user-flow-schema.ts";
import { listFlowProviders, resolveFlow } from "./user-flows-client.ts";

/** `user_flow_idp_list`: identity providers offered by a flow. */
export const listFlowIdpsOperation = defineOperation({
  name: "user_flow_idp_list",
  area: "user-flows",
  title: "List a user flow's identity providers",
  description:
    "Lists the identity providers a user flow (id or name) offers at sign-up and sign-in, with their type.",
  access: "read",
  permissions: ["EventListener.Read.All"],
  input: z.object({ flow: flowRefSchema }),
  output: z.object({ flowId: z.string(), identityProviders: z.array(flowProviderSchema) }),
  run: async (ctx, input) => {
    const flow = await resolveFlow(ctx.graph, input.flow, { signal: ctx.signal });
    const identityProviders = await listFlowProviders(ctx.graph, flow.id, { signal: ctx.signal });
    return { flowId: flow.id, identityProviders };
  },
});
