import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { flowRefSchema } from "./user-flow-schema.ts";
import { deleteFlow, resolveFlow } from "./user-flows-client.ts";

/** `user_flow_delete`: delete a user flow. */
export const deleteUserFlowOperation = defineOperation({
  name: "user_flow_delete",
  area: "user-flows",
  title: "Delete a user flow",
  description:
    "Deletes a user flow (id or name); its linked apps lose sign-up and sign-in until linked to another flow.",
  access: "destructive",
  idempotent: true,
  permissions: ["EventListener.ReadWrite.All"],
  input: z.object({ flow: flowRefSchema }),
  output: z.object({
    id: z.string(),
    displayName: z.string(),
    unlinkedApplications: z.array(z.string()),
    deleted: z.literal(true),
  }),
  run: async (ctx, input) => {
    const flow = await resolveFlow(ctx.graph, input.flow, { signal: ctx.signal });
    await deleteFlow(ctx.graph, flow.id, { signal: ctx.signal });
    return {
      id: flow.id,
      displayName: flow.displayName,
      unlinkedApplications: flow.applications,
      deleted: true as const,
    };
  },
});
