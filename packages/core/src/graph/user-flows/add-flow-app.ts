import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { flowRefSchema } from "./user-flow-schema.ts";
import { addFlowApp, resolveFlow } from "./user-flows-client.ts";

/** `user_flow_app_add`: link an application to a flow. */
export const addFlowAppOperation = defineOperation({
  name: "user_flow_app_add",
  area: "user-flows",
  title: "Link an application to a user flow",
  description:
    "Links an application, by client id (appId), to a user flow given by id or name, so its customers sign up and sign in with that flow. An application can use one flow only: linking one that another flow has fails with a conflict naming that flow. Already linked here: nothing changes (changed: false).",
  access: "write",
  permissions: ["EventListener.ReadWrite.All"],
  input: z.object({ flow: flowRefSchema, appId: z.uuid().describe("The application's client id (appId).") }),
  output: z.object({ flowId: z.string(), appId: z.string(), changed: z.boolean() }),
  run: async (ctx, input) => {
    const flow = await resolveFlow(ctx.graph, input.flow, { signal: ctx.signal });
    const appId = input.appId.toLowerCase();
    if (flow.applications.some((a) => a.toLowerCase() === appId))
      return { flowId: flow.id, appId, changed: false };
    await addFlowApp(ctx.graph, flow.id, appId, { signal: ctx.signal });
    return { flowId: flow.id, appId, changed: true };
  },
});
