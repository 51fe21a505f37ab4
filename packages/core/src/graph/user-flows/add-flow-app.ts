import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { appIdSchema } from "../fields.ts";
import { flowRefSchema } from "./user-flow-schema.ts";
import { addFlowApp, flowsForApp, removeFlowApp, resolveFlow } from "./user-flows-client.ts";

/** `user_flow_app_add`: link an application to a flow. */
export const addFlowAppOperation = defineOperation({
  name: "user_flow_app_add",
  area: "user-flows",
  title: "Link an app to a user flow",
  description:
    "Links an app (appId) to a user flow (id or name). An app uses one flow: conflict if linked elsewhere, unless `move`.",
  access: "write",
  idempotent: true,
  permissions: ["EventListener.ReadWrite.All"],
  input: z.object({
    flow: flowRefSchema,
    appId: appIdSchema.describe("Client id."),
    move: z.boolean().default(false).describe("Unlink the app from its current flow first."),
  }),
  output: z.object({
    flowId: z.string(),
    appId: z.string(),
    changed: z.boolean(),
    movedFromFlowId: z.string().optional().describe("The flow the application was unlinked from."),
  }),
  run: async (ctx, input) => {
    const options = { signal: ctx.signal };
    const flow = await resolveFlow(ctx.graph, input.flow, options);
    const appId = input.appId.toLowerCase();
    if (flow.applications.some((a) => a.toLowerCase() === appId))
      return { flowId: flow.id, appId, changed: false };
    let movedFromFlowId: string | undefined;
    if (input.move) {
      const current = (await flowsForApp(ctx.graph, appId, options)).find((f) => f.id !== flow.id);
      if (current !== undefined) {
        await removeFlowApp(ctx.graph, current.id, appId, options);
        movedFromFlowId = current.id;
      }
    }
    await addFlowApp(ctx.graph, flow.id, appId, options);
    return {
      flowId: flow.id,
      appId,
      changed: true,
      ...(movedFromFlowId === undefined ? {} : { movedFromFlowId }),
    };
  },
});
