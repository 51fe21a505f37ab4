import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { flowRefSchema } from "./user-flow-schema.ts";
import { addFlowProvider, resolveFlow } from "./user-flows-client.ts";

/** `user_flow_idp_add`: offer an identity provider on a flow. */
export const addFlowIdpOperation = defineOperation({
  name: "user_flow_idp_add",
  area: "user-flows",
  title: "Add an identity provider to a flow",
  description:
    "Offers an identity provider (EmailPassword-OAUTH, EmailOtpSignup-OAUTH or a configured one) on a user flow (id or name).",
  access: "write",
  idempotent: true,
  permissions: ["EventListener.ReadWrite.All"],
  input: z.object({ flow: flowRefSchema, identityProviderId: z.string().min(1).max(256) }),
  output: z.object({ flowId: z.string(), identityProviderId: z.string(), changed: z.boolean() }),
  run: async (ctx, input) => {
    const flow = await resolveFlow(ctx.graph, input.flow, { signal: ctx.signal });
    const id = input.identityProviderId;
    if (flow.identityProviders.some((p) => p.toLowerCase() === id.toLowerCase())) {
      return { flowId: flow.id, identityProviderId: id, changed: false };
    }
    await addFlowProvider(ctx.graph, flow.id, id, { signal: ctx.signal });
    return { flowId: flow.id, identityProviderId: id, changed: true };
  },
});
