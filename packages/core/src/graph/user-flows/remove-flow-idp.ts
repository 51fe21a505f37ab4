import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { flowRefSchema } from "./user-flow-schema.ts";
import { removeFlowProvider, resolveFlow } from "./user-flows-client.ts";

/** `user_flow_idp_remove`: stop offering an identity provider on a flow. */
export const removeFlowIdpOperation = defineOperation({
  name: "user_flow_idp_remove",
  area: "user-flows",
  title: "Remove a user flow's identity provider",
  description:
    "Stops offering an identity provider on a user flow (id or name; one must remain); its accounts cannot sign in there.",
  // Customers of that provider can no longer sign in here: confirmed like a delete.
  access: "destructive",
  idempotent: true,
  permissions: ["EventListener.ReadWrite.All"],
  input: z.object({ flow: flowRefSchema, identityProviderId: z.string().min(1).max(256) }),
  output: z.object({ flowId: z.string(), identityProviderId: z.string(), removed: z.literal(true) }),
  run: async (ctx, input) => {
    const flow = await resolveFlow(ctx.graph, input.flow, { signal: ctx.signal });
    await removeFlowProvider(ctx.graph, flow.id, input.identityProviderId, { signal: ctx.signal });
    return { flowId: flow.id, identityProviderId: input.identityProviderId, removed: true as const };
  },
});
