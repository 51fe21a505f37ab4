import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { flowRefSchema } from "./user-flow-schema.ts";
import { listFlowApps, resolveFlow } from "./user-flows-client.ts";

/** `user_flow_app_list`: applications linked to a flow. */
export const listFlowAppsOperation = defineOperation({
  name: "user_flow_app_list",
  area: "user-flows",
  title: "List a user flow's applications",
  description:
    "Lists the applications (client ids) whose customers sign up and sign in with a user flow (id or name).",
  access: "read",
  permissions: ["EventListener.Read.All"],
  input: z.object({ flow: flowRefSchema }),
  output: z.object({ flowId: z.string(), applications: z.array(z.string()) }),
  run: async (ctx, input) => {
    const flow = await resolveFlow(ctx.graph, input.flow, { signal: ctx.signal });
    const applications = await listFlowApps(ctx.graph, flow.id, { signal: ctx.signal });
    return { flowId: flow.id, applications };
  },
});
